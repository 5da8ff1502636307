"""Test URLs: the site plus the sample business models of core's test app."""

from django.urls import include, path

import core.tests.sampleapp.api  # noqa: F401  (registers before the router builds its urls)

from .urls import urlpatterns as site_urlpatterns

urlpatterns = [path("sample/", include("core.tests.sampleapp.urls")), *site_urlpatterns]
