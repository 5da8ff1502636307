"""The deadline calendar, the feed page and its iCal feed."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.ical import escape as ical_escape
from core.ical import fold_line

from .. import selectors, services
from ..choices import Status
from .common import (
    FEED_FUTURE_DAYS,
    FEED_PAST_DAYS,
    _require_view,
)

# --------------------------------------------------------------------------------------------
# Deadline calendar and its iCal feed
# --------------------------------------------------------------------------------------------


def _month(raw: str | None, today: datetime.date) -> tuple[int, int, bool]:
    """``YYYY-MM`` from the query string; this month (and an error flag) when not understood."""
    if raw:
        try:
            year, month = (int(part) for part in raw.split("-", 1))
            if 1900 <= year <= 2200 and 1 <= month <= 12:
                return year, month, False
        except ValueError:
            pass
        return today.year, today.month, True
    return today.year, today.month, False


@login_required
def deadline_calendar(request: HttpRequest) -> HttpResponse:
    """Lịch hạn: the month's due dates of my unit's subtree (everything for ministry-wide scope)."""
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    year, month, month_error = _month(request.GET.get("month"), today)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks[0][0], weeks[-1][-1]
    periods = list(selectors.deadlines_between(user, start, end, today))
    by_day: dict[datetime.date, list[Any]] = defaultdict(list)
    for p in periods:
        by_day[p.due_on].append(p)
    grid = [
        [
            {
                "date": d,
                "in_month": d.month == month,
                "is_today": d == today,
                "weekend": d.weekday() >= 5,
                "items": by_day.get(d, [])[:3],
                "more": max(0, len(by_day.get(d, [])) - 3),
            }
            for d in week
        ]
        for week in weeks
    ]
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    in_month = [p for p in periods if p.due_on.month == month and p.due_on.year == year]
    context = {
        "grid": grid,
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        "first": first,
        "month_text": f"{month:02d}/{year}",
        "previous": f"{previous.year}-{previous.month:02d}",
        "next": f"{following.year}-{following.month:02d}",
        "this_month": f"{today.year}-{today.month:02d}",
        "month_value": f"{year}-{month:02d}",
        "month_error": month_error,
        "items": in_month,
        "today": today,
    }
    return render(request, "tracking/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def feed_page(request: HttpRequest) -> HttpResponse:
    """The user's secret calendar URL; creating or renewing it makes the old URL stop working."""
    if request.method == "POST":
        services.feed_token_renew(actor=request.user)
        messages.success(request, _("A new calendar address was created; the previous one no longer works."))
        return HttpResponseRedirect(reverse("tracking:feed"))
    try:
        token = request.user.feed_token  # the user's own row, through the one-to-one relation
    except ObjectDoesNotExist:  # no feed yet
        token = None
    url = request.build_absolute_uri(reverse("tracking:feed_ics", args=[token.token])) if token else None
    return render(
        request,
        "tracking/feed.html",
        {"feed_url": url, "feed_created": token.created_at if token else None},
    )


def ical_calendar(periods: list[Any], *, base_url: str, name: str, stamp: datetime.datetime) -> str:
    """The VCALENDAR text of the periods: one all-day VEVENT per due date.

    Titles of classified obligations are not written into the feed (calendar programs
    keep copies outside the system); the event links to the page instead.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hoptac//tracking//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ical_escape(name),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    dtstamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for p in periods:
        assignment = p.assignment
        if assignment.classification and assignment.classification != "thuong":
            title = _("Deadline of a classified obligation ({})").format(
                assignment.get_classification_display()
            )
        else:
            title = assignment.obligation.title
        summary = f"{title} · {assignment.unit}"
        status = Status(p.status).label if p.status in Status.values else p.status
        url = base_url + assignment.get_absolute_url()
        description = "{}: {}\n{}".format(_("Status"), status, url)
        if p.label:
            description = "{}: {}\n{}".format(_("Period"), p.label, description)
        lines += [
            "BEGIN:VEVENT",
            "UID:hoptac-period-{}@{}".format(p.pk, base_url.split("//", 1)[-1]),
            "DTSTAMP:" + dtstamp,
            "DTSTART;VALUE=DATE:" + p.due_on.strftime("%Y%m%d"),
            "DTEND;VALUE=DATE:" + (p.due_on + datetime.timedelta(days=1)).strftime("%Y%m%d"),
            "SUMMARY:" + ical_escape(summary),
            "DESCRIPTION:" + ical_escape(description),
            "URL:" + url,
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed: no session, the secret token names the user; unknown or renewed is 404."""
    user = selectors.feed_user(token)
    if user is None:
        raise Http404
    today = timezone.localdate()
    periods = list(
        selectors.deadlines_between(
            user,
            today - datetime.timedelta(days=FEED_PAST_DAYS),
            today + datetime.timedelta(days=FEED_FUTURE_DAYS),
            today,
        )
    )
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = ical_calendar(
        periods, base_url=base_url, name=_("hoptac deadlines: {}").format(user), stamp=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hoptac.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
