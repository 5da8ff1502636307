"""URLs of tracking.views_pages (kept apart so each part of the UI owns its routes)."""

urlpatterns: list = []
