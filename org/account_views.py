"""The signed-in user's own account: password, second factor and personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from core.exceptions import ValidationError

from . import second_factor
from .models import ApiToken
from .services import (
    API_TOKEN_MAX_DAYS,
    api_token_create,
    api_token_default_expiry,
    api_token_revoke,
    user_set_password,
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "form-control",
                "autofocus": True,
            }
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("home")
    return target


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's account: unit, roles, clearance, password and second factor."""
    user = request.user
    context = {
        "has_second_factor": second_factor.has_second_factor(user),
        "required": second_factor.role_requires_second_factor(user),
        "recovery_left": sum(d.token_set.count() for d in user.staticdevice_set.all()),
        "api_tokens": ApiToken.objects.visible_to(user).filter(user=user)[:100],
    }
    return render(request, "org/account.html", context)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        required=False,  # the service says why an empty name is refused
        help_text=gettext_lazy("Where the token is used, for example the name of a script or a server."),
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        required=False,
        help_text=gettext_lazy("At most one year from today; 90 days when left empty."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )


def _second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Tokens are issued only from a session that passed the second factor when one is needed
    (the middleware already asks for it on every page; this holds even if a path is exempted)."""
    user = request.user
    if user.is_verified() or not second_factor.second_factor_needed(user):
        return None
    target = "account:2fa_verify" if second_factor.has_second_factor(user) else "account:2fa_setup"
    return HttpResponseRedirect("{}?next={}".format(reverse(target), reverse("account:token_add")))


@never_cache
@login_required
def api_token_add(request: HttpRequest) -> HttpResponse:
    """Create a personal API token; its secret is shown on the answer to this form only."""
    refused = _second_factor_redirect(request)
    if refused is not None:
        return refused
    form = ApiTokenForm(
        request.POST or None,
        initial={"expires_on": api_token_default_expiry()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            token, key = api_token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            return render(request, "org/api_token_created.html", {"token": token, "key": key})
    context = {"form": form, "max_days": API_TOKEN_MAX_DAYS}
    return render(request, "org/api_token_add.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of one's own tokens (another user's answers 404, like a missing one)."""
    token = get_object_or_404(ApiToken.objects.visible_to(request.user).filter(user=request.user), pk=pk)
    try:
        api_token_revoke(actor=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The token has been revoked; it no longer works."))
    return HttpResponseRedirect(reverse("account:home"))


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password: the old one first, the new one checked by the rules."""
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        try:
            user = user_set_password(
                actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return HttpResponseRedirect(reverse("account:home"))
    return render(request, "org/password_change.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the code, confirm with a first code, keep the recovery codes."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.totp_setup_confirm(actor=request.user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc.message_dict.get("token", exc.messages))
        else:
            otp_login(request, second_factor.confirmed_totp(request.user))
            return render(request, "org/recovery_codes.html", {"codes": codes, "next": _next(request)})
    device = request.user.totpdevice_set.filter(confirmed=False).first()
    if device is None or request.method == "GET":
        device = second_factor.totp_setup_start(actor=request.user)
    import segno

    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    context = {"form": form, "qr": qr, "secret": _base32(device), "next": _next(request)}
    return render(request, "org/2fa_setup.html", context, status=400 if form.errors else 200)


def _base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the one-time code from the app, or a recovery code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify_second_factor(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        form.add_error("token", _("The code is not correct."))
    return render(
        request,
        "org/2fa_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    try:
        second_factor.second_factor_remove(actor=request.user, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The second factor has been removed."))
    return HttpResponseRedirect(reverse("account:home"))


@login_required
@require_POST
def recovery_regenerate(request: HttpRequest) -> HttpResponse:
    try:
        codes = second_factor.recovery_codes_regenerate(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("account:home"))
    return render(request, "org/recovery_codes.html", {"codes": codes, "next": reverse("account:home")})
