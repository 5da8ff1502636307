"""API routes of the reports module, mounted at /api/v1/reports/ (before the shared router)."""

urlpatterns: list = []
