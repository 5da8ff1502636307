"""Per-request context: a request id and the acting user for history."""

import time
import uuid

from .context import change_context, client_ip_context, set_log_request_id


def _request_id(request) -> uuid.UUID:
    """The request's id: its X-Request-ID header when that is a UUID (set by the proxy, so the
    proxy's and hoptac's logs match), a new one otherwise."""
    existing = getattr(request, "id", None)
    if isinstance(existing, uuid.UUID):
        return existing
    try:
        return uuid.UUID(request.headers.get("X-Request-ID", ""))
    except ValueError:
        return uuid.uuid4()


class RequestIdMiddleware:
    """First in the chain: gives the request its id and puts it in every log line written
    while it is served (core.logging), until the response is finished."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = _request_id(request)
        set_log_request_id(request.id)
        return self.get_response(request)


def clear_log_request_id(**kwargs) -> None:
    """request_finished receiver: the next lines of this thread belong to no request."""
    set_log_request_id(None)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _request_id(request)
        request.id = request_id
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with change_context(actor, request_id), client_ip_context(client_ip(request)):
            response = self.get_response(request)
        response["X-Request-ID"] = str(request_id)
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on most
    machines says English; hoptac is Vietnamese first (DESIGN.md section 4.5).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``HOPTAC_PROXY_COUNT`` trusted reverse
    proxies the address the outermost of them saw (from X-Forwarded-For, counted from the
    right, so a client cannot choose it by sending the header itself)."""
    from django.conf import settings

    count = getattr(settings, "HOPTAC_PROXY_COUNT", 0)
    if count:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


class AnonymousRateLimitMiddleware:
    """Requests without a signed-in user or an API token are limited per client address
    (django-ratelimit, counted in the cache: shared by every node when REDIS_URL is set).

    ``RATELIMIT_ENABLE`` turns it on (by default when DEBUG is off) and
    ``HOPTAC_RATE_ANONYMOUS`` sets the rate; health checks and static files are never
    limited. A token request is left to the API's authentication (401 when unknown).
    """

    EXEMPT = ("/health/", "/metrics", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django_ratelimit.core import is_ratelimited

        user = getattr(request, "user", None)
        if (
            getattr(settings, "RATELIMIT_ENABLE", True)
            and not (user is not None and user.is_authenticated)
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.EXEMPT)
            and is_ratelimited(
                request,
                group="hoptac:anonymous",
                key="ip",
                rate=settings.HOPTAC_RATE_ANONYMOUS,
                increment=True,
            )
        ):
            from .error_views import rate_limited

            return rate_limited(request)
        return self.get_response(request)


SESSION_REFRESHED_KEY = "_hoptac_refreshed"


class SessionRefreshMiddleware:
    """The idle timeout without a session write on every request (DESIGN.md 4.6).

    ``SESSION_SAVE_EVERY_REQUEST`` wrote the session row (UPDATE + COMMIT) on each request of
    each signed-in user. Here an unchanged session is saved again, which moves its expiry to
    30 minutes ahead, only when its last save is ``HOPTAC_SESSION_REFRESH_SECONDS`` (60) old.
    The expiry is therefore never later than 30 idle minutes, and at most that many seconds
    earlier. Right after SessionMiddleware, so the flag is set before it decides to save.
    """

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.every = int(getattr(settings, "HOPTAC_SESSION_REFRESH_SECONDS", 60))

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or response.status_code >= 500:
            return response
        refreshed = session.get(SESSION_REFRESHED_KEY)  # loads it; a stale key becomes None
        if not session.session_key:
            return response  # no session, or one that expired: nothing to keep alive
        now = int(time.time())
        if not isinstance(refreshed, int) or not 0 <= now - refreshed < self.every:
            session[SESSION_REFRESHED_KEY] = now
        return response
