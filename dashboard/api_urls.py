"""API routes of the dashboard module, mounted at /api/v1/dashboard/ (before the shared router)."""

urlpatterns: list = []
