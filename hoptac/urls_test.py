"""Test URLs: the site, plus the sample business models of core's test app.

The sample API goes into a router of its own, so the site's router (and the committed
OpenAPI schema) never holds test-only endpoints.
"""

from django.urls import URLResolver, include, path
from rest_framework.routers import DefaultRouter

from core.api.router import router as site_router
from core.tests.sampleapp.api import register

from .urls import handler400, handler403, handler404, handler500  # noqa: F401  (the site's)
from .urls import urlpatterns as site_urlpatterns

test_router = DefaultRouter()
test_router.registry.extend(site_router.registry)
register(test_router)

urlpatterns = [
    path("api/v1/", include((test_router.urls, "api"), namespace="api")),
    path("sample/", include("core.tests.sampleapp.urls")),
    *[p for p in site_urlpatterns if not (isinstance(p, URLResolver) and p.namespace == "api")],
]
