"""URLs of tracking.views_notifications (kept apart so each part of the UI owns its routes)."""

urlpatterns: list = []
