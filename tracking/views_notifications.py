"""The notification centre: the signed-in user's own notifications, unread first.

Reads go through ``Notification.objects.visible_to`` (a user reads only their own), writes
through ``services.notifications_mark_read``, which marks only the actor's own: an id of
someone else's notification changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_POST

from core.text import as_id

from . import services
from .models import Notification

PAGE_SIZE = 25


def _back(request: HttpRequest) -> HttpResponseRedirect:
    """Back to the list, on the page (and filter) the form was sent from."""
    url = reverse("tracking:notifications")
    query = {k: v for k in ("page", "unread") if as_id(v := request.POST.get(k, "")) is not None}
    return redirect(url + ("?" + urlencode(query) if query else ""))


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, unread first then newest, paginated; ``?unread=1`` for unread only."""
    own = Notification.objects.visible_to(request.user)
    unread_only = request.GET.get("unread") == "1"
    qs = own.unread() if unread_only else own
    qs = qs.alias(
        is_read=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("is_read", "-created_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/notifications.html",
        {"page": page, "notifications": page.object_list, "unread_only": unread_only},
    )


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark the chosen notifications read (``id``, repeated), or all of them (``all``)."""
    if request.POST.get("all"):
        services.notifications_mark_read(actor=request.user)
    else:
        ids = [n for v in request.POST.getlist("id") if (n := as_id(v)) is not None]
        if ids:
            services.notifications_mark_read(actor=request.user, ids=ids)
    return _back(request)


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about (another user's answers 404)."""
    note = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.notifications_mark_read(actor=request.user, ids=[note.pk])
    if note.url and url_has_allowed_host_and_scheme(
        note.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(note.url)
    return redirect("tracking:notifications")
