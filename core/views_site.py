"""Site pages that belong to no module: home and login."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


class HoptacLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Tổng quan: the overview; module figures arrive with their modules."""
    return render(request, "core/home.html", {})
