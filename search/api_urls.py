"""API routes of the search module, mounted at /api/v1/search/ (before the shared router)."""

urlpatterns: list = []
