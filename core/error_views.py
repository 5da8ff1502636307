"""Error answers: the API's JSON error format under /api/, the site's pages elsewhere.

Django answers errors raised outside a DRF view (an unmatched /api/ URL, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE) with HTML; an API client gets the one JSON format instead
(``core.api.errors``), and a body over its limit is 413 rather than 400.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, code: str, message: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": {"status": status, "code": code, "message": message}}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def too_large(request: HttpRequest) -> HttpResponse:
    message = _("The request body is larger than the limit.")
    if is_api(request):
        return json_error(413, "request_too_large", message)
    return HttpResponse(loader.render_to_string("413.html"), status=413)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    if isinstance(exception, BaseException) and _database_unavailable(exception):
        # Django's session middleware turns any database error while saving the session into
        # SessionInterrupted, a 400; when the database is down the request was fine (503).
        return database_unavailable(request)
    if is_api(request):
        return json_error(400, "bad_request", _("Bad request."))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if is_api(request):
        return json_error(403, "permission_denied", _("You do not have permission to perform this action."))
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if is_api(request):
        return json_error(404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when what failed is the database (down, restarting, unreachable): the
    request may be retried, and Django reconnects by itself when it is back
    (CONN_HEALTH_CHECKS checks a kept connection before each request)."""
    if _database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    if is_api(request):
        return json_error(500, "server_error", _("Server error."))
    return defaults.server_error(request)


def _database_unavailable(exc: BaseException | None) -> bool:
    from django.db import InterfaceError, OperationalError

    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


DATABASE_RETRY_SECONDS = 30


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After; the page is rendered without the database (no base template)."""
    message = _("The database is unavailable for a moment; try again shortly.")
    if is_api(request):
        return json_error(
            503, "database_unavailable", message, **{"Retry-After": str(DATABASE_RETRY_SECONDS)}
        )
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    return response


RETRY_AFTER_SECONDS = 60


def rate_limited(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """429 with Retry-After (also django-ratelimit's RATELIMIT_VIEW, for the login form)."""
    message = _("Too many requests from your address; wait a minute and try again.")
    if is_api(request):
        return json_error(429, "throttled", message, **{"Retry-After": str(RETRY_AFTER_SECONDS)})
    response = HttpResponse(loader.render_to_string("429.html"), status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
