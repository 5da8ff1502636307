"""The tracked obligations of a document (a directive, an instrument...), for its pages.

A document's page shows, beside each of its items, the obligation made from it with its
assignments' status counts and percent; the obligation tree page rolls those percentages up
the document's tree. Everything reads through ``selectors.group_obligations`` (visible_to),
in a fixed number of queries, and knows the document only through its ``SourceSpec``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from access.rules import Action, can

from .choices import Status
from .models import Obligation
from .selectors import group_obligations
from .sources import group_spec, source_spec

STATUS_CSS = {
    Status.NOT_STARTED.value: "text-bg-secondary",
    Status.IN_PROGRESS.value: "text-bg-primary",
    Status.DONE.value: "text-bg-success",
    Status.DONE_LATE.value: "text-bg-warning",
    Status.OVERDUE.value: "text-bg-danger",
}


def status_summary(counts: dict[str, int]) -> list[dict[str, Any]]:
    """The non-zero status counts, in the order of ``Status``, with their labels and badge classes."""
    return [
        {"status": s.value, "label": s.label, "count": counts.get(s.value, 0), "css": STATUS_CSS[s.value]}
        for s in Status
        if counts.get(s.value, 0)
    ]


def source_key(obj: models.Model) -> str:
    """``app_label.model`` of a record, as the tracking URLs name a source or a document."""
    return obj._meta.label_lower


def _decorate(obligation: Obligation) -> None:
    obligation.summary = status_summary(obligation.counts)
    obligation.tracked_assignments.sort(key=lambda a: (a.role != "lead", a.unit.path))
    for a in obligation.tracked_assignments:
        a.status_label = Status(a.status).label
        a.status_css = STATUS_CSS[a.status]


def document_tracking(
    user: Any, document: models.Model, today: datetime.date | None = None
) -> dict[str, Any]:
    """Context for a document's page: ``tracked(source)``, overall counts, the track permission, the tree URL."""
    data = group_obligations(user, document, today)
    for obligation in data["obligations"]:
        _decorate(obligation)
    by_key = {(o.source_type_id, o.source_id): o for o in data["obligations"]}

    def tracked(source: models.Model) -> Obligation | None:
        ctype = ContentType.objects.get_for_model(type(source))
        return by_key.get((ctype.pk, str(source.pk)))

    return {
        "tracked": tracked,
        "tracking": data,
        "tracking_summary": status_summary(data["counts"]),
        "can_track": can(user, Action.ADD, Obligation),
        "source_tree_url": reverse("tracking:source_tree", args=[source_key(document), document.pk])
        if group_spec(type(document)) is not None
        else None,
    }


def _row_label(node: models.Model, document: models.Model, label: str) -> str:
    """A tree row's short name: the item's number, or its label without the document's name."""
    if node == document:
        return str(_("The document as a whole"))
    number = getattr(node, "number", "")
    if number:
        return number
    return label.split(" · ", 1)[1] if " · " in label else label


def _mean(values: list[int]) -> int | None:
    return round(sum(values) / len(values)) if values else None


def source_tree(user: Any, document: models.Model, today: datetime.date | None = None) -> dict[str, Any]:
    """The document's items in tree order, each with its obligation and a rolled-up percent.

    A row's ``percent`` is the mean of the percentages of the tracked obligations at the row
    and below it (a parent that is not tracked itself shows the mean of its tracked
    descendants); an obligation's own percent is the mean over its assignments (done = 100).
    Obligations of the document whose source is not in the tree are listed apart.
    """
    spec = group_spec(type(document))
    if spec is None or spec.tree is None:
        raise ValueError(f"{document._meta.label} has no obligation tree")
    context = document_tracking(user, document, today)
    tracked: Callable[[models.Model], Obligation | None] = context["tracked"]
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for node, depth in spec.tree(user, document):
        node_spec = source_spec(type(node))
        obligation = tracked(node)
        if obligation is not None:
            seen.add(obligation.pk)
        rows.append(
            {
                "node": node,
                "depth": depth,
                "indent": range(depth),
                "kind": getattr(node, "kind", ""),
                "label": _row_label(node, document, node_spec.label(node) if node_spec else str(node)),
                "text": " ".join(str(getattr(node, "text", "") or "").split()),
                "due_on": getattr(node, "due_on", None),
                "url": node.get_absolute_url() if hasattr(node, "get_absolute_url") else "",
                "obligation": obligation,
                "own": obligation.percent if obligation is not None else None,
            }
        )
    for i, row in enumerate(rows):
        values = [row["own"]] if row["own"] is not None else []
        below = 0
        for other in rows[i + 1 :]:
            if other["depth"] <= row["depth"]:
                break
            below += 1
            if other["own"] is not None:
                values.append(other["own"])
        row["percent"] = _mean(values)
        row["tracked_below"] = len(values) - (1 if row["own"] is not None else 0)
        row["has_children"] = below > 0
    others = [o for o in context["tracking"]["obligations"] if o.pk not in seen]
    return {**context, "rows": rows, "others": others, "document": document}
