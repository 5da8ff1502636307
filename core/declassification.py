"""Declassification at the end of the protection period, and who must hear of a level change.

Law 117/2025/QH15 on protecting state secrets (as the 2018 law before it, Art. 22) declassifies
a state secret automatically when its protection period ends, unless the period was extended
by a decision of the classifying authority. The period runs from the classification date for
the years set on the record, or the legal default of its level (10, 20, 30 years for Mật,
Tối mật, Tuyệt mật: ``access.choices.DEFAULT_PROTECTION_YEARS``). ``declassify_expired`` is
the daily job that does it, as the system, through ``record_set_classification`` (history,
audit and the ``classification_changed`` signal, as for a decision taken by a person).

Which records end on a date is one SQL condition per level and period, so the job and the
"declassified in the next 90 days" list read only the records concerned, on any database.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext as _

from access.choices import DEFAULT_PROTECTION_YEARS, Classification

from .context import SYSTEM

# Sent by record_set_classification in its transaction, after the record is saved:
# obj, before (level), after (level), years_before, years_after, actor, reason.
classification_changed = Signal()

MAX_YEARS = 30
UPCOMING_DAYS = 90
MAX_UPCOMING_DAYS = 366


def years_before(day: datetime.date, years: int) -> datetime.date:
    """``day`` less ``years`` years (29 February becomes 28 February, as ``declassify_on``)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def ends_between(start: datetime.date | None, end: datetime.date) -> Q:
    """Records whose protection period ends after ``start`` (None: any time) and on or before
    ``end``: for each level and period, the classification date falls in the window shifted
    back by that period."""

    def window(years: int) -> Q:
        q = Q(classified_on__lte=years_before(end, years))
        if start is not None:
            q &= Q(classified_on__gt=years_before(start, years))
        return q

    condition = Q(pk__in=[])
    for level, default in DEFAULT_PROTECTION_YEARS.items():
        condition |= Q(classification=level, protection_years__isnull=True) & window(default)
        for years in range(1, min(default, MAX_YEARS) + 1):
            condition |= Q(classification=level, protection_years=years) & window(years)
    return condition


def classified_models() -> list[type[models.Model]]:
    """Business records that carry their own level (not those that follow a parent's)."""
    from .models import BusinessRecord

    return [
        model
        for model in apps.get_models()
        if issubclass(model, BusinessRecord)
        and not model._meta.abstract
        and not getattr(model, "classification_follows", None)
    ]


def expired(today: datetime.date) -> Iterator[models.Model]:
    """Every classified record whose protection period has ended on or before ``today``."""
    for model in classified_models():
        yield from model.objects.visible_to(SYSTEM).filter(ends_between(None, today)).order_by("pk")


def upcoming(user: Any, today: datetime.date, days: int = UPCOMING_DAYS) -> list[models.Model]:
    """The records ``user`` sees whose protection ends in the next ``days`` days, soonest
    first (one query per model, whatever the number of records)."""
    end = today + datetime.timedelta(days=days)
    rows: list[models.Model] = []
    for model in classified_models():
        rows.extend(
            model.objects.visible_to(user)
            .filter(ends_between(today, end))
            .exclude(classification=Classification.THUONG)
            .select_related("owner_unit")
        )
    rows.sort(key=lambda r: (r.declassify_on, r._meta.verbose_name, r.pk))
    return rows


def record_label(record: models.Model, user: Any = None) -> str:
    """The record's name, or "<kind> #<id>" when it holds personal data the reader may not see
    in full (a subject's or a staff member's name is their name)."""
    from .personal import may_see_personal, personal_fields

    if personal_fields(record._meta.model) and (user is None or not may_see_personal(user, record)):
        return f"{str(record._meta.verbose_name).capitalize()} #{record.pk}"
    return str(record)


def declassify_expired(today: datetime.date) -> int:
    """The daily job: lift each record whose protection period has ended, as the system."""
    from .services import record_set_classification

    count = 0
    for record in list(expired(today)):
        record_set_classification(
            actor=SYSTEM,
            obj=record,
            level=Classification.THUONG,
            protection_years=None,
            version=record.version,
            reason=_("Protection period ended on {}: declassified automatically (Law 117/2025/QH15).").format(
                record.declassify_on.strftime("%d/%m/%Y")
            ),
        )
        count += 1
    return count


# Apps that keep their own records of who holds a copy (the hand-over register of
# ``reports``) add them here: each function answers, for a record, (unit id, user id) pairs
# of the holders. core cannot import those apps; they register in their ``ready()``.
_holder_sources: list[Callable[[models.Model], Iterable[tuple[int | None, int | None]]]] = []


def register_holders(source: Callable[[models.Model], Iterable[tuple[int | None, int | None]]]) -> None:
    """Add a source of holders of a record's copies (idempotent)."""
    if source not in _holder_sources:
        _holder_sources.append(source)


def other_holders(obj: models.Model) -> list[tuple[int | None, int | None]]:
    """(unit id, user id) of those the registered sources name as holding ``obj``."""
    return [pair for source in _holder_sources for pair in source(obj)]


def receiving_users(obj: models.Model) -> list[Any]:
    """The persons who were handed the record or a copy of it (hand-over register), to be told
    of a change in person as well as through their unit."""
    from django.contrib.auth import get_user_model

    ids = {user_id for _unit, user_id in other_holders(obj) if user_id}
    if not ids:
        return []
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def receiving_units(obj: models.Model) -> list[Any]:
    """The units that hold the record or a copy of it: its owner, the units it was shared
    with, the units of those who took a numbered copy (export or report) holding it, and the
    units it was handed over to (the hand-over register, through ``register_holders``)."""
    from django.contrib.auth import get_user_model

    from .models import CopyRegisterEntry, Share

    Unit = obj._meta.get_field("owner_unit").related_model
    User = get_user_model()

    ctype = ContentType.objects.get_for_model(obj._meta.model)
    ids = {obj.owner_unit_id}
    ids.update(Share.objects.filter(content_type=ctype, object_id=obj.pk).values_list("unit_id", flat=True))
    key = str(obj.pk)
    copiers = {
        user_id
        for user_id, object_ids in CopyRegisterEntry.objects.filter(content_type=ctype).values_list(
            "user_id", "object_ids"
        )
        if user_id and key in {str(i) for i in object_ids or ()}
    }
    if copiers:
        ids.update(User.objects.filter(pk__in=copiers).values_list("unit_id", flat=True))
    ids.update(unit_id for unit_id, _user in other_holders(obj) if unit_id)
    return list(Unit.objects.filter(pk__in=[i for i in ids if i]).order_by("path"))
