"""API routes of the dashboard module, mounted at /api/v1/dashboard/ (before the shared router)."""

from django.urls import path

from .api.views import DashboardView

urlpatterns: list = [
    path("", DashboardView.as_view(), name="api-dashboard"),
]
