"""Pages of the tracking engine: my work, boards, rates, the calendar and its feed, workflow steps.

Every read goes through ``tracking.selectors`` or ``visible_to``, every write through
``tracking.services``: a hidden record is 404, a refused step 403 (with the service's
reason), bad input 400 with the errors beside the fields, a stale version 409.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.rules import Action, can
from core.audit import audit_refused
from core.dates import parse_day
from core.exceptions import PermissionDenied, StaleVersion, ValidationError
from core.ical import escape as ical_escape
from core.ical import fold_line
from core.paging import CappedPaginator
from core.text import as_id, fold
from core.workdays import window_containing

from . import selectors, services
from .choices import OPEN_STATUSES, AssignmentRole, SourceKind, Status
from .forms_pages import AssignManyForm, AssignToUnitForm, ObstacleStepForm, ReviewForm
from .models import Assignment, Obligation, Obstacle, ProgressReport

PAGE_SIZE = 25
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 365


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _require_view(user: Any) -> None:
    """The pages list business records: a user without a content role gets 403."""
    if not can(user, Action.VIEW, Assignment):
        raise PermissionDenied


def _visible(request: HttpRequest, model: type[models.Model], pk: int, *related: str) -> Any:
    """The record through ``visible_to``; hidden or missing is 404 (a hidden one audited)."""
    qs = model.objects.visible_to(request.user)
    if related:
        qs = qs.select_related(*related)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        audit_refused(request.user, model, pk, "hidden")
        raise Http404
    return obj


def _refuse(request: HttpRequest, obj: Any, action: str) -> None:
    audit_refused(request.user, type(obj), obj.pk, action)
    raise PermissionDenied


def _add_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """A service's errors beside the form's fields (``aliases`` maps service names to fields)."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = aliases.get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _stale_message() -> str:
    return _(
        "The record was changed by someone else in the meantime; nothing was saved. Reload the page and try again."
    )


def _page(request: HttpRequest, rows: Any) -> Any:
    return CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _search(qs: models.QuerySet, q: str) -> models.QuerySet:
    """Each folded word must appear in the stored folded text (as the generic lists do)."""
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------------------------
# My work, overdue board, completion rates, signed but not implemented
# --------------------------------------------------------------------------------------------

MY_WORK_SORTS = {
    "obligation": ("obligation__title", "pk"),
    "-obligation": ("-obligation__title", "-pk"),
    "unit": ("unit__path", "pk"),
    "-unit": ("-unit__path", "-pk"),
    "-due": (models.F("next_due").desc(nulls_last=True), "-pk"),
}


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Việc của tôi: the assignments of my unit's subtree, overdue first, then due soonest."""
    user = request.user
    _require_view(user)
    base = selectors.my_work(user)
    q = request.GET.get("q", "").strip()
    if q:
        base = _search(base, q)
    role = request.GET.get("role", "")
    if role in AssignmentRole.values:
        base = base.filter(role=role)
    else:
        role = ""
    counts = {s.value: 0 for s in Status}
    for row in base.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    status = request.GET.get("status", "")
    if status == "open":
        qs = base.filter(status__in=[s.value for s in OPEN_STATUSES])
    elif status in Status.values:
        qs = base.filter(status=status)
    else:
        status, qs = "", base
    sort = request.GET.get("sort", "")
    if sort in MY_WORK_SORTS:
        qs = qs.order_by(*MY_WORK_SORTS[sort])
    else:
        sort = ""
    page = _page(request, qs)
    tabs = [
        {"key": "", "label": _("All"), "count": sum(counts.values())},
        {"key": "open", "label": _("Open"), "count": sum(counts[s.value] for s in OPEN_STATUSES)},
        *({"key": s.value, "label": s.label, "count": counts[s.value]} for s in Status),
    ]
    context = {
        "page": page,
        "rows": list(page.object_list),
        "tabs": tabs,
        "status": status,
        "role": role,
        "roles": AssignmentRole.choices,
        "q": q,
        "sort": sort,
        "today": timezone.localdate(),
        "may_report": can(user, Action.ADD, ProgressReport),
        "unit": user.unit,
    }
    return render(request, "tracking/my_work.html", context)


OVERDUE_SORTS = {
    # Every row is overdue, so its due date is the date it became overdue: sorting on the
    # stored column lets the due-date index deliver the page.
    "oldest": ("open_due_on", "pk"),
    "newest": ("-open_due_on", "-pk"),
    "unit": ("unit__path", "overdue_since", "pk"),
    "obligation": ("obligation__title", "pk"),
}


@login_required
def overdue_board(request: HttpRequest) -> HttpResponse:
    """Overdue work by unit and by source, oldest first (each user sees what visible_to allows)."""
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    unit = request.GET.get("unit", "")
    unit_id = as_id(unit)
    all_units = request.GET.get("units") == "all"
    board = selectors.overdue_board(
        user, today, top=None if all_units else selectors.BOARD_TOP_UNITS, keep=unit_id
    )
    rows = board["rows"]
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    else:
        unit = ""
    source = request.GET.get("source", "")
    if source in SourceKind.values:
        rows = rows.filter(obligation__source_kind=source)
    else:
        source = ""
    sort = request.GET.get("sort", "oldest")
    if sort not in OVERDUE_SORTS:
        sort = "oldest"
    page = _page(request, rows.order_by(*OVERDUE_SORTS[sort]))
    shown = list(page.object_list)
    for a in shown:
        a.days_overdue = (today - a.overdue_since).days if a.overdue_since else None
    context = {
        "page": page,
        "rows": shown,
        "total": board["total"],
        "by_unit": board["by_unit"],
        "units_count": board["units_count"],
        "all_units": all_units,
        "by_source": board["by_source"],
        "unit": unit,
        "source": source,
        "sort": sort,
        "sorts": [
            ("oldest", _("Oldest first")),
            ("newest", _("Newest first")),
            ("unit", _("By unit")),
            ("obligation", _("By obligation")),
        ],
        "today": today,
        "limited": not user.has_ministry_scope,
    }
    return render(request, "tracking/overdue.html", context)


COMPLETION_SORTS = {
    "rate": lambda r: (r["rate"] if r["rate"] is not None else 101, r["unit"].path),
    "-rate": lambda r: (-(r["rate"] if r["rate"] is not None else -1), r["unit"].path),
    "unit": lambda r: r["unit"].path,
    "overdue": lambda r: (-r[Status.OVERDUE.value], r["unit"].path),
}


@login_required
def completion(request: HttpRequest) -> HttpResponse:
    """Tỷ lệ hoàn thành: per unit, the periods due in a window done on time, late or overdue."""
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    _year, _period, default_start, default_end = window_containing("year", today)
    raw_from, raw_to = request.GET.get("from"), request.GET.get("to")
    start = parse_day(raw_from, default_start)
    end = parse_day(raw_to, default_end)
    date_error = (bool(raw_from) and parse_day(raw_from) is None) or (
        bool(raw_to) and parse_day(raw_to) is None
    )
    if start > end:
        start, end, date_error = default_start, default_end, True
    rows = selectors.completion_table(user, start, end, today)
    sort = request.GET.get("sort", "rate")
    if sort not in COMPLETION_SORTS:
        sort = "rate"
    rows = sorted(rows, key=COMPLETION_SORTS[sort])
    keys = [s.value for s in Status]
    totals = {k: sum(r[k] for r in rows) for k in [*keys, "total"]}
    due = totals["total"] - totals[Status.NOT_STARTED.value] - totals[Status.IN_PROGRESS.value]
    totals["rate"] = round(100 * totals[Status.DONE.value] / due) if due else None
    for r in rows:
        r["open"] = r[Status.NOT_STARTED.value] + r[Status.IN_PROGRESS.value]
    totals["open"] = totals[Status.NOT_STARTED.value] + totals[Status.IN_PROGRESS.value]
    context = {
        "rows": rows,
        "totals": totals,
        "from_text": _d(start),
        "to_text": _d(end),
        "default_from": _d(default_start),
        "default_to": _d(default_end),
        "date_error": date_error,
        "sort": sort,
        "limited": not user.has_ministry_scope,
    }
    return render(request, "tracking/completion.html", context)


@login_required
def not_implemented(request: HttpRequest) -> HttpResponse:
    """Đã ký nhưng chưa thực hiện: documents whose obligations are unassigned or overdue."""
    user = request.user
    _require_view(user)
    groups = selectors.signed_not_implemented(user)
    q = request.GET.get("q", "").strip()
    if q:
        words = fold(q).split()
        groups = [g for g in groups if all(w in fold(g["label"]) for w in words)]
    show = request.GET.get("show", "")
    if show == "unassigned":
        groups = [g for g in groups if g["unassigned"]]
    elif show == "overdue":
        groups = [g for g in groups if g["overdue"]]
    else:
        show = ""
    page = _page(request, groups)
    context = {
        "page": page,
        "groups": list(page.object_list),
        "q": q,
        "show": show,
        "unassigned_total": sum(len(g["unassigned"]) for g in groups),
        "overdue_total": sum(len(g["overdue"]) for g in groups),
    }
    return render(request, "tracking/not_implemented.html", context)


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


# --------------------------------------------------------------------------------------------
# Assigning an obligation (to one unit, or to many at once)
# --------------------------------------------------------------------------------------------


def _assign_page(
    request: HttpRequest,
    obligation: Obligation,
    form: forms.Form,
    *,
    many: bool,
    status: int,
    error: str = "",
) -> HttpResponse:
    context = {"obj": obligation, "form": form, "many": many, "error": error}
    return render(request, "tracking/assign.html", context, status=status)


def _assign(request: HttpRequest, pk: int, *, many: bool) -> HttpResponse:
    user = request.user
    obligation = _visible(request, Obligation, pk, "owner_unit")
    if not can(user, Action.ASSIGN, obligation):
        _refuse(request, obligation, str(Action.ASSIGN))
    form_class = AssignManyForm if many else AssignToUnitForm
    initial = {"assigned_on": timezone.localdate()}
    if request.method != "POST":
        return _assign_page(
            request, obligation, form_class(user=user, initial=initial), many=many, status=200
        )
    form = form_class(request.POST, user=user, initial=initial)
    if not form.is_valid():
        return _assign_page(request, obligation, form, many=many, status=400)
    try:
        if many:
            made = services.assign_many(
                actor=user,
                obligation=obligation,
                units=form.chosen_units(),
                data=form.service_data(),
                lead_unit=form.cleaned_data.get("lead_unit"),
            )
        else:
            made = [
                services.assignment_create(actor=user, data={**form.service_data(), "obligation": obligation})
            ]
    except PermissionDenied as exc:
        return _assign_page(
            request, obligation, form, many=many, status=403, error=" ".join(str(a) for a in exc.args)
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _assign_page(request, obligation, form, many=many, status=400)
    except (Obligation.DoesNotExist, Assignment.DoesNotExist):
        raise Http404 from None
    if len(made) == 1:
        messages.success(request, _("Assigned to {}.").format(made[0].unit))
    else:
        messages.success(request, _("Assigned to {} units.").format(len(made)))
    return HttpResponseRedirect(obligation.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def obligation_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the obligation to one unit, as lead or support, with its deadline."""
    return _assign(request, pk, many=False)


@login_required
@require_http_methods(["GET", "POST"])
def obligation_assign_many(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the obligation to many units at once (all 34 provinces): all or nothing."""
    return _assign(request, pk, many=True)


# --------------------------------------------------------------------------------------------
# Reviewing a report; answering, escalating and deciding an obstacle
# --------------------------------------------------------------------------------------------


def _step_page(request: HttpRequest, context: dict[str, Any], status: int) -> HttpResponse:
    return render(request, "tracking/step.html", context, status=status)


def _run_step(
    request: HttpRequest,
    obj: Any,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    context: dict[str, Any],
    *,
    aliases: dict[str, str],
    done: str,
) -> HttpResponse:
    """GET shows the step's form; POST validates it, calls the service and maps its errors."""
    context = {**context, "obj": obj, "form": form}
    if request.method != "POST":
        return _step_page(request, context, 200)
    if not form.is_valid():
        return _step_page(request, context, 400)
    try:
        call(form.cleaned_data)
    except PermissionDenied as exc:
        return _step_page(request, {**context, "error": " ".join(str(a) for a in exc.args)}, 403)
    except StaleVersion:
        form.add_error(None, _stale_message())
        return _step_page(request, context, 409)
    except ValidationError as exc:
        _add_errors(form, exc, aliases)
        return _step_page(request, context, 400)
    except type(obj).DoesNotExist:
        raise Http404 from None
    messages.success(request, done)
    return HttpResponseRedirect(obj.get_absolute_url())


REPORT_RELATED = ("assignment__obligation", "assignment__unit", "period", "awaiting_unit")


def _review(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    report = _visible(request, ProgressReport, pk, *REPORT_RELATED)
    if not can(user, Action.APPROVE, report):
        _refuse(request, report, str(Action.APPROVE))
    form = ReviewForm(request.POST if request.method == "POST" else None, initial={"version": report.version})
    if step == "approve":

        def call(data: dict[str, Any]) -> Any:
            return services.report_approve(
                actor=user, obj=report, version=data["version"], comment=data.get("comment", "")
            )

        labels = {
            "title": _("Approve the report"),
            "submit": _("Approve"),
            "text_label": _("Comment (optional)"),
        }
        done = _("The report was approved.")
    else:

        def call(data: dict[str, Any]) -> Any:
            return services.report_return(
                actor=user, obj=report, version=data["version"], comment=data.get("comment", "")
            )

        labels = {
            "title": _("Return the report with a comment"),
            "submit": _("Return with comment"),
            "text_label": _("Why it is returned"),
        }
        done = _("The report was returned to its unit.")
    return _run_step(request, report, form, call, labels, aliases={}, done=done)


@login_required
@require_http_methods(["GET", "POST"])
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve at this level: up to the next unit of the chain, or final."""
    return _review(request, pk, "approve")


@login_required
@require_http_methods(["GET", "POST"])
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the report back with a comment (required)."""
    return _review(request, pk, "return")


OBSTACLE_STEPS: dict[str, dict[str, Any]] = {
    "answer": {
        "permission": Action.ANSWER_ESCALATION,
        "service": "obstacle_answer",
        "kwarg": "answer",
    },
    "escalate": {
        "permission": Action.ANSWER_ESCALATION,
        "service": "obstacle_escalate",
        "kwarg": "note",
    },
    "decide": {
        "permission": Action.DECIDE_ESCALATION,
        "service": "obstacle_decide",
        "kwarg": "decision",
    },
}


def _obstacle_labels(step: str) -> tuple[dict[str, str], str]:
    if step == "answer":
        return (
            {
                "title": _("Answer with guidance"),
                "submit": _("Send the guidance"),
                "text_label": _("Guidance"),
            },
            _("The guidance was sent to the unit."),
        )
    if step == "escalate":
        return (
            {
                "title": _("Escalate to the leadership"),
                "submit": _("Escalate"),
                "text_label": _("Note for the leadership (optional)"),
            },
            _("The obstacle was escalated to the leadership."),
        )
    return (
        {
            "title": _("Record the decision"),
            "submit": _("Record the decision"),
            "text_label": _("Decision"),
        },
        _("The decision was recorded."),
    )


def _obstacle_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    spec = OBSTACLE_STEPS[step]
    obstacle = _visible(request, Obstacle, pk, "assignment__obligation", "assignment__unit", "handler_unit")
    if not can(user, spec["permission"], obstacle):
        _refuse(request, obstacle, str(spec["permission"]))
    form = ObstacleStepForm(
        request.POST if request.method == "POST" else None, initial={"version": obstacle.version}
    )
    service = getattr(services, spec["service"])

    def call(data: dict[str, Any]) -> Any:
        return service(
            actor=user, obj=obstacle, version=data["version"], **{spec["kwarg"]: data.get("text", "")}
        )

    labels, done = _obstacle_labels(step)
    return _run_step(request, obstacle, form, call, labels, aliases={spec["kwarg"]: "text"}, done=done)


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Cục Đối ngoại answers with guidance."""
    return _obstacle_step(request, pk, "answer")


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    """Cục Đối ngoại hands the obstacle to the leadership."""
    return _obstacle_step(request, pk, "escalate")


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The leadership's decision closes the escalation."""
    return _obstacle_step(request, pk, "decide")
