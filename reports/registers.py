"""Services of the registers of secret documents (issue #21 item 2): received, hand-over,
destruction, and the register of secret documents sent read from the outgoing register.

Every register is append-only: a line is created through these services and never edited
or deleted; a correction is a new line naming the one it corrects (``corrects``). The one
change a line sees is the recipient's confirmation of a hand-over, which is its signature.
Entering received documents and hand-overs is the unit's writing right (``Action.ADD``:
officers and unit heads in their subtree, coordinators); recording a destruction is the
decision-maker's (the head of the unit or of a unit above it, or the leadership, as for
lowering or lifting a classification: ``Action.DECLASSIFY``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import Classification, level_rank
from access.rules import Action, can
from core.exceptions import PermissionDenied, ValidationError
from core.history import ChangeAction, record_change, snapshot
from core.services import lock_for_write, record_create, service

from .models import (
    IssuedDocument,
    ReceivedSecretDocument,
    RegisterCounter,
    SecretDestruction,
    SecretHandOver,
    SecretIncident,
)

SECRET_LEVELS = (Classification.MAT, Classification.TOI_MAT, Classification.TUYET_MAT)


def sent_register(user: Any) -> models.QuerySet:
    """The register of secret documents sent: the outgoing register's documents classified
    Mật or above that ``user`` sees (a view of the same lines, never a copy of them)."""
    return (
        IssuedDocument.objects.visible_to(user)
        .filter(classification__in=SECRET_LEVELS)
        .select_related("owner_unit")
        .defer("docx")
    )


def subject_visible(user: Any) -> models.Q:
    """The condition on a line whose subject ``user`` is cleared to read."""
    clearance = getattr(user, "clearance", Classification.THUONG) or Classification.THUONG
    allowed = [level for level in SECRET_LEVELS if level_rank(level) <= level_rank(clearance)]
    return models.Q(level__in=allowed)


def with_subject(qs: models.QuerySet, user: Any) -> models.QuerySet:
    """``subject_shown``: the subject for readers cleared for the level, else empty."""
    return qs.annotate(
        subject_shown=models.Case(
            models.When(subject_visible(user), then=models.F("subject")),
            default=models.Value(""),
            output_field=models.CharField(),
        )
    )


def _next_number(unit: Any, register: str, year: int) -> int:
    counter, _created = RegisterCounter.objects.select_for_update().get_or_create(
        unit=unit, register=register, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _check_correction(model: type[models.Model], corrects: Any) -> None:
    if corrects is None:
        return
    if hasattr(corrects, "corrected_by"):
        raise ValidationError({"corrects": _("This entry has already been corrected.")})


def _check_level(actor: Any, level: str) -> None:
    if level not in SECRET_LEVELS:
        raise ValidationError(
            {"level": _("Choose the document's level: Confidential, Secret or Top secret.")}
        )
    if level_rank(level) > level_rank(actor.clearance):
        raise ValidationError({"level": _("You cannot register a document classified above your clearance.")})


@service
def received_create(*, actor: Any, data: dict[str, Any]) -> ReceivedSecretDocument:
    """Enter a secret document on arrival: it takes the receiving unit's next number of the
    year (locked counter, unique per unit and year)."""
    data = dict(data)
    corrects = data.pop("corrects", None)
    _check_correction(ReceivedSecretDocument, corrects)
    _check_level(actor, data.get("level") or "")
    data["classification"] = Classification.THUONG
    data.pop("protection_years", None)
    if corrects is not None and corrects.owner_unit_id != getattr(data.get("owner_unit"), "pk", None):
        raise ValidationError(
            {"corrects": _("A correction belongs to the same unit as the entry it corrects.")}
        )
    received_on = data.get("received_on")
    doc_date = data.get("doc_date")
    if received_on and received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    if received_on and doc_date and doc_date > received_on:
        raise ValidationError({"doc_date": _("The document cannot be dated after it was received.")})
    receiver = data.get("received_by") or (actor if getattr(actor, "pk", None) else None)
    data["received_by"] = receiver

    def fill(obj: ReceivedSecretDocument) -> None:
        obj.received_by_name = (getattr(receiver, "full_name", "") or getattr(receiver, "username", ""))[:150]
        obj.corrects = corrects
        obj.year = (received_on or timezone.localdate()).year
        obj.number = _next_number(obj.owner_unit, "received", obj.year)

    return record_create(actor=actor, model=ReceivedSecretDocument, data=data, before_save=fill)


def _document(actor: Any, data: dict[str, Any]) -> tuple[Any, str, str]:
    """The document a hand-over or destruction is about: exactly one, received or issued."""
    received, issued = data.get("received_document"), data.get("issued_document")
    if bool(received) == bool(issued):
        raise ValidationError(
            {"received_document": _("Name one document: a document received or a document issued.")}
        )
    if received is not None:
        return received, received.level, received.label
    if issued.classification not in SECRET_LEVELS:
        raise ValidationError(
            {"issued_document": _("This document is not classified Confidential or above.")}
        )
    return issued, issued.classification, issued.symbol


@service
def handover_create(*, actor: Any, data: dict[str, Any]) -> SecretHandOver:
    """Hand a secret document or copies over to a person: pending until they confirm it."""
    data = dict(data)
    corrects = data.pop("corrects", None)
    _check_correction(SecretHandOver, corrects)
    document, level, label = _document(actor, data)
    recipient = data.get("recipient")
    if recipient is None or not recipient.is_active:
        raise ValidationError({"recipient": _("Choose an active person.")})
    if recipient.unit_id is None:
        raise ValidationError({"recipient": _("The recipient belongs to no unit.")})
    if level_rank(recipient.clearance) < level_rank(level):
        raise ValidationError({"recipient": _("The recipient is not cleared for the document's level.")})
    if getattr(actor, "pk", None) and recipient.pk == actor.pk:
        raise ValidationError({"recipient": _("A hand-over goes to another person.")})
    data["classification"] = Classification.THUONG
    data["level"] = level
    data["owner_unit"] = document.owner_unit
    data.pop("protection_years", None)

    def fill(obj: SecretHandOver) -> None:
        obj.document_label = label[:300]
        obj.handed_at = timezone.now()
        obj.given_by = actor if getattr(actor, "pk", None) else None
        obj.given_by_name = (getattr(actor, "full_name", "") or getattr(actor, "username", ""))[:150]
        obj.recipient_name = (recipient.full_name or recipient.username)[:150]
        obj.recipient_unit = recipient.unit
        obj.corrects = corrects

    return record_create(actor=actor, model=SecretHandOver, data=data, before_save=fill)


def may_confirm(user: Any, handover: SecretHandOver) -> bool:
    return (
        getattr(user, "pk", None) is not None
        and handover.recipient_id == user.pk
        and handover.confirmed_at is None
        and not hasattr(handover, "corrected_by")
    )


@service
def handover_confirm(*, actor: Any, handover: SecretHandOver) -> SecretHandOver:
    """The recipient confirms receipt in the system: the signature of the hand-over."""
    current = lock_for_write(actor, handover)
    if current.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the recipient confirms a hand-over."))
    if current.confirmed_at is not None:
        raise ValidationError(_("This hand-over has already been confirmed."))
    if SecretHandOver.objects.filter(corrects=current).exists():
        raise ValidationError(_("This hand-over was corrected by a later entry; confirm that one."))
    before = snapshot(current)
    current.confirmed_at = timezone.now()
    current.version += 1
    current.save(update_fields=["confirmed_at", "version", "updated_at"])
    record_change(
        action=ChangeAction.UPDATE,
        obj=current,
        before=before,
        after=snapshot(current),
        actor=actor,
        message=_("Receipt confirmed by the recipient"),
    )
    return current


def may_destroy(user: Any, unit: Any = None) -> bool:
    """Who records a destruction: the decision-makers on classification (head of the unit
    or of a unit above it, the leadership)."""
    if unit is None:
        return can(user, Action.DECLASSIFY, SecretDestruction)
    return can(user, Action.DECLASSIFY, SecretDestruction(owner_unit=unit))


@service
def destruction_create(*, actor: Any, data: dict[str, Any]) -> SecretDestruction:
    """Record the destruction of a secret document or copies, with its decision."""
    data = dict(data)
    corrects = data.pop("corrects", None)
    _check_correction(SecretDestruction, corrects)
    document, level, label = _document(actor, data)
    data["classification"] = Classification.THUONG
    data["level"] = level
    data["owner_unit"] = document.owner_unit
    data.pop("protection_years", None)
    decision_date, destroyed_on = data.get("decision_date"), data.get("destroyed_on")
    if destroyed_on and destroyed_on > timezone.localdate():
        raise ValidationError({"destroyed_on": _("The date of destruction cannot be in the future.")})
    if decision_date and destroyed_on and destroyed_on < decision_date:
        raise ValidationError({"destroyed_on": _("A document is destroyed after the decision, not before.")})

    def fill(obj: SecretDestruction) -> None:
        obj.document_label = label[:300]
        obj.corrects = corrects

    return record_create(
        actor=actor, model=SecretDestruction, data=data, before_save=fill, permission=Action.DECLASSIFY
    )


def copy_decision_create(*, actor: Any, data: dict[str, Any]) -> Any:
    """A copy decision from a page or the API: its target is a secret document issued or
    received (``issued_document``, ``received_document``) or, given as ``target`` already
    read through the caller's ``visible_to``, any classified record or file."""
    from core.copies import copy_decision_record

    data = dict(data)
    received, issued, target = (
        data.pop("received_document", None),
        data.pop("issued_document", None),
        data.pop("target", None),
    )
    given = [t for t in (received, issued, target) if t is not None]
    if len(given) != 1:
        raise ValidationError(
            {"issued_document": _("Name one document: a document issued, a document received or a record.")}
        )
    return copy_decision_record(actor=actor, target=given[0], data=data, corrects=data.pop("corrects", None))


def handover_holders(obj: models.Model) -> list[tuple[int | None, int | None]]:
    """(unit, person) of each live hand-over of ``obj``: an issued document handed over, or
    the issued documents of a source record (a report, a case's letter). A level change of the
    record then reaches those who were handed a copy (``core.declassification``). One query."""
    from django.contrib.contenttypes.models import ContentType

    if obj.pk is None:
        return []
    if isinstance(obj, IssuedDocument):
        condition = models.Q(issued_document=obj)
    else:
        condition = models.Q(
            issued_document__source_type=ContentType.objects.get_for_model(obj._meta.model),
            issued_document__source_id=obj.pk,
        )
    return list(
        SecretHandOver.objects.filter(condition, corrected_by__isnull=True)
        .values_list("recipient_unit_id", "recipient_id")
        .distinct()
    )


def protection_unit() -> Any:
    """The unit responsible for protecting state secrets (``HOPTAC_SECRETS_PROTECTION_UNIT``)."""
    from django.conf import settings

    from org.models import Unit

    code = getattr(settings, "HOPTAC_SECRETS_PROTECTION_UNIT", "")
    return Unit.objects.filter(code=code).first() if code else None


@service
def incident_create(*, actor: Any, data: dict[str, Any]) -> SecretIncident:
    """Record a loss or disclosure of a state secret and report it at once to the unit
    responsible for protecting state secrets: a notification to its heads and staff, in
    the same transaction (a refused record notifies nobody)."""
    from tracking.choices import NotificationKind
    from tracking.notify import notify, unit_heads, unit_staff

    data = dict(data)
    corrects = data.pop("corrects", None)
    _check_correction(SecretIncident, corrects)
    _check_level(actor, data.get("level") or "")
    data["classification"] = Classification.THUONG
    data.pop("protection_years", None)
    if corrects is not None and corrects.owner_unit_id != getattr(data.get("owner_unit"), "pk", None):
        raise ValidationError(
            {"corrects": _("A correction belongs to the same unit as the entry it corrects.")}
        )
    occurred_on = data.get("occurred_on")
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date of the incident cannot be in the future.")})
    target = protection_unit()
    if target is None:
        raise ValidationError(
            _(
                "The unit responsible for protecting state secrets is not configured "
                "(HOPTAC_SECRETS_PROTECTION_UNIT): the incident cannot be reported."
            )
        )

    def fill(obj: SecretIncident) -> None:
        obj.reported_by = actor if getattr(actor, "pk", None) else None
        obj.reported_by_name = (getattr(actor, "full_name", "") or getattr(actor, "username", ""))[:150]
        obj.reported_to = target
        obj.corrects = corrects

    incident = record_create(actor=actor, model=SecretIncident, data=data, before_save=fill)
    notify(
        [*unit_heads(target), *unit_staff(target)],
        kind=NotificationKind.SECRET_INCIDENT,
        title=_("State-secret incident ({kind}) reported by {unit} on {day}").format(
            kind=incident.get_kind_display(),
            unit=incident.owner_unit,
            day=incident.occurred_on.strftime("%d/%m/%Y"),
        ),
        body=_("Level: {level}. Record or document: {ref}. Reported by {who}.").format(
            level=Classification(incident.level).label,
            ref=incident.document_ref,
            who=incident.reported_by_name,
        ),
        url=incident.get_absolute_url(),
        key=f"secret_incident:{incident.pk}",
        classification=incident.level,
    )
    return incident
