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
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import Classification, Role, level_rank

from .dates import parse_day
from .exceptions import PermissionDenied, ValidationError
from .models import (
    CopiedRecord,
    CopyDecision,
    CopyKind,
    CopyRegisterEntry,
    UnitCopyLimit,
    copy_target_key,
)

COPY_ROLES = {Role.ADMINISTRATOR, Role.LEADERSHIP, Role.COORDINATOR}

__all__ = [
    "CopyKind",
    "CopyTarget",
    "check_copy_cap",
    "copy_decision_record",
    "copy_entries",
    "copy_line",
    "highest_level",
    "may_read_copies",
    "needs_copy_number",
    "register_copies",
    "unit_copy_limit",
    "unit_copy_limit_set",
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


DEFAULT_UNIT_LIMIT = 1


@dataclass(frozen=True)
class CopyTarget:
    """A classified record or file a copy holds, and what caps its copies.

    ``permitted`` is the number of copies its issuing decision permitted (an issued
    document); None for a record never issued, capped by its owner unit's limit instead.
    ``copying_permitted`` False: the issuing decision forbids copies past ``permitted``.
    """

    key: str
    label: str
    unit_id: int | None
    permitted: int | None = None
    copying_permitted: bool = True

    @classmethod
    def of(cls, obj: models.Model, **extra: Any) -> CopyTarget:
        from access.rules import owner_unit_of

        # Business records carry their owner unit (children a copy of their parent's): no query.
        unit_id = getattr(obj, "owner_unit_id", None)
        if unit_id is None:
            unit_id = getattr(owner_unit_of(obj), "pk", None)
        label = getattr(obj, "symbol", "") or f"{obj._meta.verbose_name} {obj.pk}"
        return cls(
            key=copy_target_key(obj._meta.model, obj.pk), label=str(label)[:300], unit_id=unit_id, **extra
        )


def unit_copy_limit(unit_id: int | None) -> int:
    """The copies of one of a unit's classified records allowed without a decision."""
    if unit_id is None:
        return DEFAULT_UNIT_LIMIT
    row = UnitCopyLimit.objects.filter(unit_id=unit_id).values_list("limit", flat=True).first()
    return row or DEFAULT_UNIT_LIMIT


def _live_decisions() -> models.QuerySet:
    """Copy decisions not replaced by a correction."""
    return CopyDecision.objects.filter(corrected_by__isnull=True)


def check_copy_cap(targets: Iterable[CopyTarget], copies: int = 1) -> CopyDecision | None:
    """Refuse a copy past a target's cap, with the reason; answer the copy decision that
    allows it when the cap is passed under one (``_check_cap`` does the work)."""
    return _check_cap(targets, copies)[0]


def _check_cap(targets: Iterable[CopyTarget], copies: int = 1) -> tuple[CopyDecision | None, int]:
    """Refuse a copy past a target's cap, with the reason; answer the copy decision that
    allows it when the cap is passed under one (its copies counted like the others).

    The cap is the copies the issuing decision permitted (an issued document) or the owner
    unit's limit (a record never issued, default 1), plus the copies of recorded copy
    decisions for that target. A few queries, whatever the number of targets. Also answers
    the most copies any target already had (0: this is the first copy of each).
    """
    targets = [t for t in targets]
    if not targets:
        return None, 0
    keys = [t.key for t in targets]
    used: dict[str, int] = {}
    for key, n in (
        CopiedRecord.objects.filter(target_key__in=keys)
        .values("target_key")
        .annotate(n=models.Sum("copies"))
        .values_list("target_key", "n")
    ):
        used[key] = n or 0
    granted: dict[str, int] = {}
    decisions: dict[str, CopyDecision] = {}
    for decision in _live_decisions().filter(target_key__in=keys).order_by("pk"):
        granted[decision.target_key] = granted.get(decision.target_key, 0) + decision.copies
        decisions[decision.target_key] = decision
    unit_ids = {t.unit_id for t in targets if t.permitted is None and t.unit_id is not None}
    limits = dict(UnitCopyLimit.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "limit"))
    under: CopyDecision | None = None
    for target in targets:
        base = (
            target.permitted
            if target.permitted is not None
            else limits.get(target.unit_id, DEFAULT_UNIT_LIMIT)
        )
        cap = base + granted.get(target.key, 0)
        after = used.get(target.key, 0) + copies
        if after <= cap:
            if after > base:
                under = decisions.get(target.key)
            continue
        if target.permitted is not None and not target.copying_permitted:
            raise PermissionDenied(
                _(
                    "Copy refused: {label} was issued in {n} copies and its issuing decision does not "
                    "permit copying; {used} copies have been made."
                ).format(label=target.label, n=target.permitted, used=used.get(target.key, 0))
            )
        raise PermissionDenied(
            _(
                "Copy refused: {label} may have {cap} copies ({base} without a decision, {granted} by copy "
                "decisions) and {used} have been made. A further copy needs a copy decision recorded in the "
                "copying register by the head of its unit."
            ).format(
                label=target.label,
                cap=cap,
                base=base,
                granted=granted.get(target.key, 0),
                used=used.get(target.key, 0),
            )
        )
    return under, max((used.get(t.key, 0) for t in targets), default=0)


def _lock_targets(targets: list[CopyTarget]) -> None:
    """Serialise the copies of the same records until the transaction ends. PostgreSQL: a
    transaction-level advisory lock per record (in key order, so two copies of the same
    records never deadlock); SQLite takes its write lock when the transaction begins
    (``transaction_mode`` IMMEDIATE), which serialises every writer already."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted({t.key for t in targets}):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


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
    targets: Iterable[CopyTarget] | None = None,
    decision: CopyDecision | None = None,
) -> CopyRegisterEntry:
    """Append a register line and take the year's next ``copies`` copy numbers.

    With ``targets`` (the classified records the copy holds), a copy past a target's cap is
    refused (``PermissionDenied`` with the reason) and the targets are recorded, so the next
    copy counts this one. Two writers racing for the same numbers meet the unique (year,
    first copy) constraint; the loser retries with the next numbers, so the sequence has
    neither gaps nor twins.
    """
    if copies < 1:
        raise ValueError("at least one copy")
    targets = list(targets or [])
    now = timezone.now()
    year = timezone.localtime(now).year
    id_list = [str(i) for i in ids]
    unit = getattr(actor, "unit", None)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                # Counted and recorded in one transaction, the targets locked: two downloads
                # of a record's last allowed copy cannot both pass.
                under, prior = decision, 0
                if targets:
                    _lock_targets(targets)
                    under, prior = _check_cap(targets, copies)
                    under = under or decision
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
                    decision=under,
                )
                entry._appending = True
                entry.save()
                for target in targets:
                    row = CopiedRecord(entry=entry, target_key=target.key, copies=copies)
                    row._appending = True
                    row.save()
                # Not stored: how many copies of its records came before it, so the first
                # copy of a document is told from its copies ("BẢN SAO", core.markings).
                entry.prior_copies = prior
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


def may_decide_copies(user: Any, unit: Any, level: str) -> bool:
    """Who permits copying (Law 117/2025, as Art. 11 of the 2018 law before it: the head of
    the body holding the secret): the head of the unit holding it or of a unit above it, or
    the Ministry leadership; for Tuyệt mật, the Ministry leadership only."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = user.role_codes
    if Role.LEADERSHIP in roles:
        return True
    if level == Classification.TUYET_MAT:
        return False
    return (
        Role.UNIT_HEAD in roles
        and user.unit is not None
        and unit is not None
        and unit.path.startswith(user.unit.path)
    )


def copy_decision_record(
    *, actor: Any, target: models.Model, data: dict[str, Any], corrects: CopyDecision | None = None
) -> CopyDecision:
    """Record a copy decision (copying register) for a record the actor sees.

    A received paper document is copied on paper: its copy numbers are taken now. Other
    targets (an issued document, a record, a file) are copied by downloading: the decision
    raises their cap, and each copy made under it takes its number then.
    """
    from access.rules import owner_unit_of

    from .services import record_create, service

    @service
    def _record(*, actor: Any) -> CopyDecision:
        model = target._meta.model
        manager = model._default_manager
        if not hasattr(manager, "visible_to") or not manager.visible_to(actor).filter(pk=target.pk).exists():
            raise ValidationError({"target": _("The record does not exist or you may not use it.")})
        level = getattr(target, "level", None) or getattr(target, "classification", "")
        if not needs_copy_number(level):
            raise ValidationError(
                {"target": _("Only documents classified Confidential or above are registered.")}
            )
        if getattr(target, "copying_permitted", True) is False:
            raise ValidationError(
                {"target": _("The issuing decision of this document does not permit copying.")}
            )
        unit = owner_unit_of(target)
        if not may_decide_copies(actor, unit, level):
            raise PermissionDenied(
                _(
                    "Copying is permitted by the head of the unit holding the document or of a unit above "
                    "it, or by the Ministry leadership (Top secret: the Ministry leadership only)."
                )
            )
        if corrects is not None:
            if corrects.target_key != copy_target_key(model, target.pk):
                raise ValidationError({"corrects": _("A correction names an entry of the same document.")})
            if hasattr(corrects, "corrected_by"):
                raise ValidationError({"corrects": _("This entry has already been corrected.")})
        values = {
            "owner_unit": unit,
            "classification": Classification.THUONG,
            "decided_on": data.get("decided_on"),
            "authoriser_title": data.get("authoriser_title", ""),
            "copies": data.get("copies"),
            "purpose": data.get("purpose", ""),
            "level": level,
        }

        def fill(obj: CopyDecision) -> None:
            obj.authorised_by = actor
            obj.authorised_by_name = getattr(actor, "full_name", "") or actor.username
            obj.target_type = ContentType.objects.get_for_model(model)
            obj.target_id = target.pk
            obj.target_key = copy_target_key(model, target.pk)
            obj.target_label = str(getattr(target, "label", None) or target)[:300]
            obj.corrects = corrects

        decision = record_create(
            actor=actor, model=CopyDecision, data=values, before_save=fill, permission="view"
        )
        if model._meta.label == "reports.ReceivedSecretDocument":
            register_copies(
                actor=actor,
                model=model,
                ids=[target.pk],
                classification=level,
                kind=CopyKind.COPY,
                file_format="paper",
                copies=decision.copies,
                description=decision.purpose,
                decision=decision,
            )
        return decision

    return _record(actor=actor)


def unit_copy_limit_set(*, actor: Any, unit: Any, limit: int) -> UnitCopyLimit:
    """The head of a unit (or of a unit above it, or the leadership) sets how many copies of
    its classified records never issued are made without a copy decision."""
    from .audit import AuditEvent, audit_record
    from .services import service

    @service
    def _set(*, actor: Any) -> UnitCopyLimit:
        if not may_decide_copies(actor, unit, Classification.MAT):
            raise PermissionDenied(
                _(
                    "The copy limit of a unit is set by its head, the head of a unit above it, or the leadership."
                )
            )
        try:
            value = int(limit)
        except (TypeError, ValueError):
            raise ValidationError({"limit": _("Enter a whole number from 1 to 99.")}) from None
        if not 1 <= value <= 99:
            raise ValidationError({"limit": _("Enter a whole number from 1 to 99.")})
        row = UnitCopyLimit.objects.select_for_update().filter(unit=unit).first()
        before = row.limit if row is not None else DEFAULT_UNIT_LIMIT
        if row is None:
            row = UnitCopyLimit(unit=unit)
        row.limit = value
        row.set_by = actor if getattr(actor, "pk", None) else None
        row.save()
        audit_record(
            AuditEvent.SECURITY_POLICY_CHANGE,
            actor=actor,
            extra={"policy": "copy_limit", "unit": unit.pk, "before": before, "after": value},
        )
        return row

    return _set(actor=actor)
