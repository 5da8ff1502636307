"""Coverage of commitments: of everything signed, pledged or instructed, how much is tracked and done.

A *commitment* is each clause marked as creating an obligation of an instrument in force,
each directive task, each pledge made at an event, each leadership instruction, and each
instrument in force that has no such clause (never both an instrument and its clauses). It
counts from the date it binds (entry into force; the directive's date; the event's date).

Tracking never imports the apps that feed it (STYLE.md): each feeding app registers a
``CommitmentSource`` here whose ``rows(user, as_of)`` lists, through its own models'
``visible_to``, the commitments binding on or before ``as_of`` as plain dicts. Tracking then
derives, from the stored assignments and periods only (never from today's state):

- **tracked on D**: a visible obligation of that source has a lead (root) assignment whose
  ``assigned_on`` is on or before D;
- **done on time**: every period of that lead assignment was completed on or before D, and
  each on or before its due date; **done late**: completed by D, one after its due date;
- **overdue**: a period of the lead assignment was due before D and not completed by D;
- **open**: tracked, neither done nor overdue; **untracked**: no such lead assignment.

When several units track the same source, the most advanced lead counts (done, then done
late, open, overdue). A viewer who cannot see an obligation sees its source as untracked: the
count never reveals a hidden record (and "track" then makes the viewer's own, as
``services.obligation_from_source`` does).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import AssignmentRole, SourceKind
from .models import Assignment, AssignmentPeriod, Obligation

# The statuses of a commitment (mutually exclusive); "tracked" is the sum of the first four.
DONE = "done"
DONE_LATE = "done_late"
OPEN = "open"
OVERDUE = "overdue"
UNTRACKED = "untracked"
TRACKED_STATUSES = (DONE, DONE_LATE, OPEN, OVERDUE)
STATUS_LABELS = {
    DONE: _("Done on time"),
    DONE_LATE: _("Done late"),
    OPEN: _("Tracked, in progress"),
    OVERDUE: _("Overdue"),
    UNTRACKED: _("Untracked"),
}
# Best first: when several units lead the same source, the most advanced counts.
_RANK = {DONE: 0, DONE_LATE: 1, OPEN: 2, OVERDUE: 3}
# A commitment untracked this many days after it binds goes into the coordinators' digest.
UNTRACKED_ALERT_DAYS = 30


@dataclass(frozen=True)
class CommitmentSource:
    """One kind of commitment a feeding app provides."""

    key: str  # short name used in URLs and filters: "clause"
    kind: str  # the SourceKind of the obligations made from it
    model: type  # the source model; its ContentType links the obligations
    label: Any  # plural label for filters ("Instrument clauses")
    # (user, as_of) -> the visible commitments binding on or before ``as_of``, each a dict:
    # pk, binds_on, unit_id (the owner unit of the source), classification, title, document,
    # url, due_hint
    rows: Callable[[Any, datetime.date], Iterable[dict[str, Any]]]
    # obj -> whether the record is (still) a commitment: the track action checks it
    is_commitment: Callable[[Any], bool] = lambda obj: True


_sources: dict[str, CommitmentSource] = {}


def register_commitments(source: CommitmentSource) -> CommitmentSource:
    _sources[source.key] = source
    return source


def commitment_sources() -> list[CommitmentSource]:
    return list(_sources.values())


def commitment_source(key: str) -> CommitmentSource | None:
    return _sources.get(key)


# --- Leadership instructions: tracking's own source --------------------------------------------


def _instruction_rows(user: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    """Obligations recorded by hand as leadership instructions (no other source), from their
    recording date."""
    from django.urls import reverse

    qs = (
        Obligation.objects.visible_to(user)
        .filter(source_kind=SourceKind.INSTRUCTION, source_type__isnull=True)
        .values("pk", "title", "created_at", "owner_unit_id", "classification")
    )
    out = []
    for r in qs:
        binds_on = timezone.localdate(r["created_at"])
        if binds_on > as_of:
            continue
        out.append(
            {
                "pk": r["pk"],
                "binds_on": binds_on,
                "unit_id": r["owner_unit_id"],
                "classification": r["classification"],
                "title": r["title"],
                "document": "",
                "url": reverse("tracking:obligation", args=[r["pk"]]),
                "due_hint": None,
            }
        )
    return out


register_commitments(
    CommitmentSource(
        key="instruction",
        kind=SourceKind.INSTRUCTION,
        model=Obligation,
        label=_("Leadership instructions"),
        rows=_instruction_rows,
        is_commitment=lambda obj: obj.source_kind == SourceKind.INSTRUCTION and obj.source_type_id is None,
    )
)


# --- Status ----------------------------------------------------------------------------------


def _lead_status(periods: list[tuple[datetime.date, datetime.date | None]], as_of: datetime.date) -> str:
    """The status on ``as_of`` of one lead assignment from its periods (due_on, completed_on)."""
    if not periods:
        return OPEN
    completed = [(due, done) for due, done in periods if done is not None and done <= as_of]
    if any(due < as_of and (done is None or done > as_of) for due, done in periods):
        return OVERDUE
    if len(completed) == len(periods):
        return DONE_LATE if any(done > due for due, done in completed) else DONE
    return OPEN


def _tracked_status(user: Any, as_of: datetime.date, ctype_ids: list[int]) -> dict[tuple[int, str], dict]:
    """{(source ctype id, source id): {"status", "obligation_id", "unit_id", "due_on"}} of the
    sources tracked on ``as_of``, as ``user`` sees them. Three queries, whatever the data."""
    obligation_ct = ContentType.objects.get_for_model(Obligation).pk
    obligations = Obligation.objects.visible_to(user).filter(
        Q(source_type_id__in=ctype_ids) | Q(source_kind=SourceKind.INSTRUCTION, source_type__isnull=True)
    )
    leads = Assignment.objects.visible_to(user).filter(
        obligation__in=obligations.values("pk"),
        role=AssignmentRole.LEAD,
        parent__isnull=True,
        assigned_on__lte=as_of,
    )
    lead_rows = list(
        leads.values(
            "pk", "obligation_id", "unit_id", "due_on", "obligation__source_type_id", "obligation__source_id"
        )
    )
    periods: dict[int, list[tuple[datetime.date, datetime.date | None]]] = {}
    for aid, due, done in AssignmentPeriod.objects.filter(assignment__in=leads.values("pk")).values_list(
        "assignment_id", "due_on", "completed_on"
    ):
        periods.setdefault(aid, []).append((due, done))
    out: dict[tuple[int, str], dict] = {}
    for r in lead_rows:
        if r["obligation__source_type_id"] is None:
            key = (obligation_ct, str(r["obligation_id"]))
        else:
            key = (r["obligation__source_type_id"], r["obligation__source_id"])
        status = _lead_status(periods.get(r["pk"], []), as_of)
        due = max((d for d, _done in periods.get(r["pk"], [])), default=r["due_on"])
        current = out.get(key)
        if current is None or _RANK[status] < _RANK[current["status"]]:
            out[key] = {
                "status": status,
                "obligation_id": r["obligation_id"],
                "unit_id": r["unit_id"],
                "due_on": due,
            }
    return out


def commitments(
    user: Any,
    as_of: datetime.date | None = None,
    *,
    unit: Any = None,
    kinds: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Every commitment binding on ``as_of`` that ``user`` sees, with its status on that date.

    ``unit`` keeps the commitments whose source belongs to that unit's subtree; ``kinds`` keeps
    the given source keys. Each row: key, kind, kind_label, pk, binds_on, title, document, url,
    unit_id, due_hint, status, status_label, obligation_id, lead_unit_id, due_on, days_untracked.
    The number of queries depends on the registered sources, not on the data.
    """
    as_of = as_of or timezone.localdate()
    sources = [s for s in commitment_sources() if kinds is None or s.key in set(kinds)]
    ctypes = ContentType.objects.get_for_models(*[s.model for s in sources]) if sources else {}
    subtree: set[int] | None = None
    if unit is not None:
        from org.models import Unit

        subtree = set(Unit.objects.subtree(unit).values_list("pk", flat=True))
    tracked = _tracked_status(user, as_of, [ct.pk for ct in ctypes.values()])
    out: list[dict[str, Any]] = []
    for source in sources:
        ct = ctypes[source.model].pk
        for row in source.rows(user, as_of):
            if subtree is not None and row.get("unit_id") not in subtree:
                continue
            state = tracked.get((ct, str(row["pk"])))
            status = state["status"] if state else UNTRACKED
            out.append(
                {
                    **row,
                    "key": source.key,
                    "kind": source.kind,
                    "kind_label": source.label,
                    "status": status,
                    "status_label": STATUS_LABELS[status],
                    "obligation_id": state["obligation_id"] if state else None,
                    "lead_unit_id": state["unit_id"] if state else None,
                    "due_on": state["due_on"] if state else None,
                    "days_untracked": (as_of - row["binds_on"]).days if state is None else None,
                }
            )
    return out


def counts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals of ``commitments()`` rows: total, tracked, each status, percent done on time.

    The percentage is of the tracked commitments (done on time / tracked); None when none is.
    """
    by = dict.fromkeys((*TRACKED_STATUSES, UNTRACKED), 0)
    for r in rows:
        by[r["status"]] += 1
    tracked = sum(by[s] for s in TRACKED_STATUSES)
    return {
        "total": len(rows),
        "tracked": tracked,
        **by,
        "percent_on_time": round(100 * by[DONE] / tracked) if tracked else None,
    }


def coverage(user: Any, as_of: datetime.date | None = None, *, unit: Any = None) -> dict[str, Any]:
    """The coverage figures on ``as_of`` for ``user`` (optionally a unit subtree)."""
    return counts(commitments(user, as_of, unit=unit))


def indicator_figures(user: Any, as_of: datetime.date) -> dict[str, int]:
    """The indicators API's commitment figures (registered into partners' indicators)."""
    c = coverage(user, as_of)
    return {
        "commitments_total": c["total"],
        "commitments_tracked": c["tracked"],
        "commitments_done": c[DONE],
        "commitments_done_late": c[DONE_LATE],
        "commitments_overdue": c[OVERDUE],
        "commitments_untracked": c[UNTRACKED],
    }
