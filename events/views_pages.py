"""Pages of the events app beyond the generic ones: trip approval and return, the calendar
and its iCal feed, outreach counts. Every read goes through ``visible_to`` (or selectors on it)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.rules import Action, can
from core.audit import audit_refused
from core.dates import parse_day
from core.exceptions import PermissionDenied, StaleVersion, ValidationError
from core.ical import escape as ical_escape
from core.ical import fold_line
from core.text import as_id
from org.models import Unit
from partners.models import Country
from tracking import selectors as tracking_selectors

from . import selectors, services
from .forms import TripReturnForm
from .models import Event, TripProposal

MONTHS_BACK = 12
MONTHS_AHEAD = 12


def _trip(request: HttpRequest, pk: int) -> TripProposal:
    trip = TripProposal.objects.visible_to(request.user).select_related("event").filter(pk=pk).first()
    if trip is None:
        audit_refused(request.user, TripProposal, pk, "hidden")
        raise Http404
    return trip


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def trip_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve an outgoing delegation's proposal (Action.APPROVE)."""
    trip = _trip(request, pk)
    if not can(request.user, Action.APPROVE, trip):
        audit_refused(request.user, TripProposal, pk, str(Action.APPROVE))
        raise DjangoPermissionDenied
    try:
        services.trip_approve(actor=request.user, obj=trip, version=_version(request))
    except PermissionDenied as exc:
        raise DjangoPermissionDenied from exc
    except StaleVersion:
        messages.error(request, _("Someone changed this proposal in the meantime; check it and try again."))
        return HttpResponseRedirect(trip.get_absolute_url())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(trip.get_absolute_url())
    messages.success(request, _("The trip is approved."))
    return HttpResponseRedirect(trip.get_absolute_url())


@login_required
@require_POST
def trip_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the delegation's return: the report and passports duties are opened in the tracking engine."""
    trip = _trip(request, pk)
    if not can(request.user, Action.CHANGE, trip):
        audit_refused(request.user, TripProposal, pk, str(Action.CHANGE))
        raise DjangoPermissionDenied
    form = TripReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of return as dd/mm/yyyy."))
        return HttpResponseRedirect(trip.get_absolute_url())
    try:
        services.trip_return(
            actor=request.user,
            obj=trip,
            version=form.cleaned_data["version"],
            returned_on=form.cleaned_data["returned_on"],
        )
    except PermissionDenied as exc:
        raise DjangoPermissionDenied from exc
    except StaleVersion:
        messages.error(request, _("Someone changed this proposal in the meantime; check it and try again."))
        return HttpResponseRedirect(trip.get_absolute_url())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(trip.get_absolute_url())
    messages.success(request, _("Return recorded: the report and the passports are now tracked."))
    return HttpResponseRedirect(trip.get_absolute_url())


def _filters(request: HttpRequest) -> dict[str, object]:
    out: dict[str, object] = {}
    unit_id = as_id(request.GET.get("unit", ""))
    if unit_id is not None:
        out["unit"] = Unit.objects.visible_to(request.user).filter(pk=unit_id).first()
    country = request.GET.get("country", "")
    if country:
        out["country"] = Country.objects.visible_to(request.user).filter(code=country.upper()).first()
    return {k: v for k, v in out.items() if v is not None}


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """Month, week or list view of the visible events, filterable by unit and partner country."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        datetime.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    view = request.GET.get("view", "month")
    if view not in ("month", "week", "list"):
        view = "month"
    filters = _filters(request)
    first = datetime.date(year, month, 1)
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    context: dict[str, object] = {
        "view": view,
        "year": year,
        "month": month,
        "first": first,
        "prev": prev_month,
        "next": next_month,
        "today": today,
        "units": Unit.objects.visible_to(request.user).filter(depth__lte=1).order_by("sort_order", "pk"),
        "countries": Country.objects.visible_to(request.user).filter(events__isnull=False).distinct(),
        "unit": filters.get("unit"),
        "country": filters.get("country"),
    }
    if view == "week":
        day = parse_day(request.GET.get("day"), today) or today
        start = day - datetime.timedelta(days=day.weekday())
        end = start + datetime.timedelta(days=6)
        events = selectors.events_between(user=request.user, start=start, end=end, **filters)
        context["week"] = [
            {
                "day": start + datetime.timedelta(days=i),
                "events": [
                    e
                    for e in events
                    if e.starts_on <= start + datetime.timedelta(days=i) <= (e.ends_on or e.starts_on)
                ],
            }
            for i in range(7)
        ]
        context["prev_week"] = start - datetime.timedelta(days=7)
        context["next_week"] = start + datetime.timedelta(days=7)
    elif view == "list":
        end = (next_month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        context["events"] = selectors.events_between(user=request.user, start=first, end=end, **filters)
    else:
        context.update(selectors.month_grid(user=request.user, year=year, month=month, **filters))
    token = getattr(request.user, "feed_token", None)  # RelatedObjectDoesNotExist is an AttributeError
    context["feed_url"] = (
        request.build_absolute_uri(reverse("events:feed_ics", args=[token.token])) if token else None
    )
    context["download_url"] = reverse("events:calendar_ics")
    return render(request, "events/calendar.html", context)


ICAL_TZID = "Asia/Ho_Chi_Minh"
# Vietnam keeps UTC+7 all year (no daylight saving since 1975): one STANDARD component.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:" + ICAL_TZID,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def ical_times(e: Event) -> list[str]:
    """DTSTART and DTEND of an event: local times with the Vietnamese TZID when a start time is
    known (the end at its end time on the last day, else one hour after the start), otherwise
    whole days (DTEND the day after the last one, as RFC 5545 wants)."""
    last = e.ends_on or e.starts_on
    if e.start_time is None:
        return [
            "DTSTART;VALUE=DATE:" + e.starts_on.strftime("%Y%m%d"),
            "DTEND;VALUE=DATE:" + (last + datetime.timedelta(days=1)).strftime("%Y%m%d"),
        ]
    start = datetime.datetime.combine(e.starts_on, e.start_time)
    if e.end_time is not None:
        end = datetime.datetime.combine(last, e.end_time)
    else:
        end = datetime.datetime.combine(last, e.start_time) + datetime.timedelta(hours=1)
    end = max(end, start)
    return [
        f"DTSTART;TZID={ICAL_TZID}:" + start.strftime("%Y%m%dT%H%M%S"),
        f"DTEND;TZID={ICAL_TZID}:" + end.strftime("%Y%m%dT%H%M%S"),
    ]


def ical_events(events: list[Event], *, base_url: str, name: str, stamp: datetime.datetime) -> str:
    """VCALENDAR text of events, timed or all-day (titles of classified events are not written out)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hoptac//events//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ical_escape(name),
        "X-WR-TIMEZONE:" + ICAL_TZID,
        *VTIMEZONE,
    ]
    dtstamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    host = base_url.split("//", 1)[-1]
    for e in events:
        if e.classification and e.classification != "thuong":
            summary = _("Classified event ({})").format(e.get_classification_display())
            location = ""
        else:
            summary = f"{e.get_type_display()} · {e.title}"
            location = e.place
        url = base_url + e.get_absolute_url()
        lines += [
            "BEGIN:VEVENT",
            f"UID:hoptac-event-{e.pk}@{host}",
            "DTSTAMP:" + dtstamp,
            *ical_times(e),
            "SUMMARY:" + ical_escape(summary),
            "LOCATION:" + ical_escape(location),
            "URL:" + url,
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _ics_response(request: HttpRequest, user: object) -> HttpResponse:
    today = timezone.localdate()
    events = selectors.events_between(
        user=user,
        start=today - datetime.timedelta(days=31 * MONTHS_BACK),
        end=today + datetime.timedelta(days=31 * MONTHS_AHEAD),
    )
    body = ical_events(
        events,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("hoptac events: {}").format(user),
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hoptac-events.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The signed-in user's visible events as an iCal file."""
    return _ics_response(request, request.user)


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribable feed: the tracking engine's secret feed token names the user; unknown is 404."""
    user = tracking_selectors.feed_user(token)
    if user is None:
        raise Http404
    return _ics_response(request, user)


@login_required
@require_GET
def outreach(request: HttpRequest) -> HttpResponse:
    """Counts of media items by platform and by month for a period (default: this year)."""
    today = timezone.localdate()
    start = parse_day(request.GET.get("start"), datetime.date(today.year, 1, 1))
    end = parse_day(request.GET.get("end"), datetime.date(today.year, 12, 31))
    if end < start:
        start, end = end, start
    counts = selectors.media_counts(user=request.user, start=start, end=end)
    return render(request, "events/outreach.html", {**counts, "start": start, "end": end})
