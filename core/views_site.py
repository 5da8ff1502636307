"""Site pages that belong to no module: home and login."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, resolve, reverse


class HoptacLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


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
