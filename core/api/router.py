"""The one API router; each app registers its viewsets in its ``api/urls.py``."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.include_root_view = True
