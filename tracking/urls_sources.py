"""URLs of tracking.views_sources (kept apart so each part of the UI owns its routes)."""

urlpatterns: list = []
