"""Per-request context: a request id and the acting user for history."""

import uuid

from .context import change_context, client_ip_context


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("X-Request-ID", "")
        try:
            request_id = uuid.UUID(header)
        except ValueError:
            request_id = uuid.uuid4()
        request.id = request_id
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with change_context(actor, request_id), client_ip_context(request.META.get("REMOTE_ADDR", "")):
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
