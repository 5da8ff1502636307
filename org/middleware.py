"""Second factor enforcement: a signed-in user who needs a one-time code gives it first."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

EXEMPT_PREFIXES = (
    "/static/",
    "/i18n/",
    "/jsi18n/",
    "/login/",
    "/logout/",
    "/account/2fa/setup/",
    "/account/2fa/verify/",
    "/health/",
    "/metrics",
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not user.is_verified()
        ):
            from .second_factor import has_second_factor, role_requires_second_factor

            has_device = has_second_factor(user)
            if has_device or role_requires_second_factor(user):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "error": {
                                "status": 403,
                                "code": "second_factor_required",
                                "message": _("Second factor required."),
                            }
                        },
                        status=403,
                    )
                target = "account:2fa_verify" if has_device else "account:2fa_setup"
                return HttpResponseRedirect(
                    "{}?{}".format(reverse(target), urlencode({"next": request.get_full_path()}))
                )
        return self.get_response(request)
