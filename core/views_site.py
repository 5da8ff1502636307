"""Site pages that belong to no module: home and login."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, resolve, reverse


class HoptacLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        """Sign-in attempts per client address are limited (``HOPTAC_RATE_LOGIN``), besides
        django-axes' lockout per user and address: one address cannot try many accounts."""
        from django.conf import settings
        from django_ratelimit.core import is_ratelimited

        from .error_views import rate_limited

        if getattr(settings, "RATELIMIT_ENABLE", True) and is_ratelimited(
            request, group="hoptac:login", key="ip", rate=settings.HOPTAC_RATE_LOGIN, increment=True
        ):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)


@login_required
def home(request):
    """Tổng quan: the leadership dashboard, served at the site root.

    Looked up by URL name, not imported: core knows no domain app (STYLE.md), and without
    the dashboard the plain overview remains.
    """
    try:
        view = resolve(reverse("dashboard:home")).func
    except NoReverseMatch:
        return render(request, "core/home.html", {})
    return view(request)
