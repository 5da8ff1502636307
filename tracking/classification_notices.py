"""A classification change reaches every unit that holds the record or a copy (#21 item 4).

Law 117/2025/QH15: when a state secret's level is changed, its protection period extended, or
it is declassified, those who hold it must be told so that they mark their copies again.
``core.services.record_set_classification`` sends ``classification_changed`` (for a person's
decision and for the daily automatic declassification alike); here each unit holding the
record (its owner, the units it was shared with, the units of those who took a numbered copy,
the units and persons it was handed over to in the hand-over register) is notified, and the duty to re-mark is a tracked obligation due in ``NOTICE_DAYS`` days, so
it reaches the overdue board when nobody acts on it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from access.choices import Classification
from core.context import SYSTEM
from core.declassification import classification_changed, receiving_units, receiving_users, record_label

from . import services
from .choices import NotificationKind, SourceKind
from .notify import notify, unit_heads, unit_staff

NOTICE_DAYS = 15


def _level(value: str) -> str:
    return str(Classification(value).label)


def on_classification_changed(
    sender: Any,
    *,
    obj: Any,
    before: str,
    after: str,
    years_before: int | None,
    years_after: int | None,
    actor: Any,
    reason: str,
    **kwargs: Any,
) -> None:
    units = receiving_units(obj)
    if not units:
        return
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        kind_name = str(obj._meta.verbose_name)
        if after == Classification.THUONG:
            change = _("declassified (was {})").format(_level(before))
        elif after != before:
            change = _("classification changed from {} to {}").format(_level(before), _level(after))
        else:
            change = _("protection period changed to {} years").format(obj.protection_period)
        # Personal data never goes into a notice: a subject's record is named by kind and id.
        label = record_label(obj)
        title = _("{kind} “{record}”: {change}").format(kind=kind_name, record=label, change=change)[:480]
        body = _("Decided on {day}. Reason: {reason}. Mark your copies again within {days} days.").format(
            day=today.strftime("%d/%m/%Y"), reason=reason or "—", days=NOTICE_DAYS
        )
        obligation = services.obligation_create(
            actor=SYSTEM,
            data={
                "title": _("Re-mark the copies: {}").format(title)[:500],
                "description": body,
                "source_kind": SourceKind.CLASSIFICATION,
                "owner_unit": obj.owner_unit,
                "classification": after,
                "priority": "high",
            },
        )
        # The owner unit leads; every other holder has its own deadline as a supporting unit.
        units.sort(key=lambda u: u.pk != obj.owner_unit_id)
        told: set[int] = set()
        for unit in units:
            services.assignment_create(
                actor=SYSTEM,
                data={
                    "obligation": obligation,
                    "unit": unit,
                    "role": "lead" if unit.pk == obj.owner_unit_id else "support",
                    "deadline_kind": "date",
                    "assigned_on": today,
                    "due_on": today + datetime.timedelta(days=NOTICE_DAYS),
                },
            )
            ctype = ContentType.objects.get_for_model(obj._meta.model)
            staff = [*unit_heads(unit), *unit_staff(unit)]
            told.update(u.pk for u in staff)
            notify(
                staff,
                kind=NotificationKind.CLASSIFICATION_CHANGED,
                title=title,
                body=body,
                url=obj.get_absolute_url(),
                key=f"classification:{ctype.pk}:{obj.pk}:{obj.version}:{unit.pk}",
                classification=after,
            )
        # The persons it was handed over to (hand-over register) hear of it themselves too;
        # a notice already sent to them through their unit is not repeated.
        ctype = ContentType.objects.get_for_model(obj._meta.model)
        notify(
            [u for u in receiving_users(obj) if u.pk not in told],
            kind=NotificationKind.CLASSIFICATION_CHANGED,
            title=title,
            body=body,
            url=obj.get_absolute_url(),
            key=f"classification:{ctype.pk}:{obj.pk}:{obj.version}:handover",
            classification=after,
        )


def connect() -> None:
    classification_changed.connect(on_classification_changed, dispatch_uid="tracking.classification_notices")
