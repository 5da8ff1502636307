"""API routes of the search module, mounted at /api/v1/search/ (before the shared router)."""

from django.urls import path

from .api import SearchAPIView

urlpatterns = [
    path("", SearchAPIView.as_view(), name="api-search"),
]
