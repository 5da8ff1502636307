"""The copy register: numbered copies of exports and reports holding classified content.

The state-secret rules (Law 117/2025/QH15; Decree 26/2020/NĐ-CP, Circular 24/2020/TT-BCA)
require each copy or print of classified content to carry a copy number and a line in a
register: who, when, which records, how many copies. Every CSV/XLSX export
(``core.views.ObjectListView.export``) and every report download (``reports``) whose content
holds a record classified Mật or above calls ``register_copies`` and prints the returned
copy numbers on the file. The register is append-only, like the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import Classification, Role, level_rank

from .dates import parse_day
from .models import CopyKind, CopyRegisterEntry

COPY_ROLES = {Role.ADMINISTRATOR, Role.LEADERSHIP, Role.COORDINATOR}

__all__ = [
    "CopyKind",
    "copy_entries",
    "copy_line",
    "highest_level",
    "may_read_copies",
    "needs_copy_number",
    "register_copies",
]


def needs_copy_number(level: str | None) -> bool:
    """Mật, Tối mật and Tuyệt mật content is numbered and registered; Thường is not."""
    return bool(level) and level in Classification.values and level_rank(level) >= level_rank("mat")


def highest_level(levels: Iterable[str | None]) -> str:
    """The highest classification among ``levels`` (Thường when there is none)."""
    best = Classification.THUONG.value
    for level in levels:
        if level in Classification.values and level_rank(level) > level_rank(best):
            best = level
    return best


def register_copies(
    *,
    actor: Any,
    model: type[models.Model],
    ids: Iterable[Any],
    classification: str,
    kind: str,
    file_format: str,
    copies: int = 1,
    description: str = "",
) -> CopyRegisterEntry:
    """Append a register line and take the year's next ``copies`` copy numbers.

    Two writers racing for the same numbers meet the unique (year, first copy) constraint;
    the loser retries with the next numbers, so the sequence has neither gaps nor twins.
    """
    if copies < 1:
        raise ValueError("at least one copy")
    now = timezone.now()
    year = timezone.localtime(now).year
    id_list = [str(i) for i in ids]
    unit = getattr(actor, "unit", None)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                last = CopyRegisterEntry.objects.filter(year=year).aggregate(n=Max("last_copy"))["n"] or 0
                entry = CopyRegisterEntry(
                    time=now,
                    year=year,
                    first_copy=last + 1,
                    last_copy=last + copies,
                    copies=copies,
                    kind=kind,
                    file_format=file_format,
                    classification=classification,
                    user_id=getattr(actor, "pk", None),
                    user_name=getattr(actor, "username", "") or "",
                    unit_name=str(unit)[:255] if unit is not None else "",
                    content_type=ContentType.objects.get_for_model(model),
                    object_ids=id_list,
                    record_count=len(id_list),
                    description=description[:500],
                )
                entry._appending = True
                entry.save()
                return entry
        except IntegrityError:
            continue
    raise RuntimeError("could not take a copy number after 10 attempts")


def copy_line(entry: CopyRegisterEntry) -> str:
    """The marking printed on the copy: level, copy number and register line."""
    return _("{level} — Copy no. {copy} — copy register line {line}").format(
        level=Classification(entry.classification).label.upper(),
        copy=entry.copy_label,
        line=entry.pk,
    )


def may_read_copies(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role_codes & COPY_ROLES)


def copy_entries(user: Any, params: Any) -> models.QuerySet:
    """Register lines filtered by kind, user, classification and dates (dd/mm/yyyy or ISO)."""
    qs = CopyRegisterEntry.objects.visible_to(user).select_related("content_type")
    kind = params.get("kind", "")
    if kind in CopyKind.values:
        qs = qs.filter(kind=kind)
    level = params.get("classification", "")
    if level in Classification.values:
        qs = qs.filter(classification=level)
    name = params.get("user", "").strip()
    if name:
        qs = qs.filter(user_name__icontains=name)
    for key, lookup in (("from", "time__date__gte"), ("to", "time__date__lte")):
        value = parse_day(params.get(key, ""))
        if value:
            qs = qs.filter(**{lookup: value})
    return qs.order_by("-pk")
