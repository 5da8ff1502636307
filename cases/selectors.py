"""Reads of cases and operations that are more than a filter (all through ``visible_to``)."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from decimal import Decimal
from typing import Any

from django.db.models import Q

from core.text import fold
from instruments.models import Instrument
from instruments.selectors import in_force_on
from tracking.models import Assignment
from tracking.selectors import with_status

from .models import CooperationCase, Outcome


def instruments_for(
    *, user: Any, country_ids: list[int], day: datetime.date, multilateral: bool = True
) -> list[Instrument]:
    """The instruments in force on ``day`` with any of the countries (directly, through an
    agency, or as a party of a multilateral instrument): the possible legal bases."""
    if not country_ids:
        return []
    scope = (
        Q(countries__in=country_ids)
        | Q(agencies__country__in=country_ids)
        | Q(party_actions__country__in=country_ids)
    )
    qs = Instrument.objects.visible_to(user).filter(scope)
    if not multilateral:
        qs = qs.filter(multilateral=False)
    ids = in_force_on(qs, day).values("pk")
    return list(Instrument.objects.visible_to(user).filter(pk__in=ids).order_by("-in_force_on", "pk"))


# Words (folded) in an instrument's title that show it covers a kind of request; a general
# police-cooperation instrument covers information exchange, joint investigation and the rest.
COVERS: dict[str, tuple[str, ...]] = {
    "mla": ("tuong tro tu phap", "mutual legal assistance"),
    "extradition": ("dan do", "extradition"),
    "transfer": ("chuyen giao nguoi", "bi ket an", "sentenced persons"),
    "asset_recovery": ("tuong tro tu phap", "rua tien", "thu hoi tai san"),
}
GENERAL = ("phong, chong toi pham", "phong chong toi pham", "toi pham", "hop tac")


def covers(instrument: Instrument, case_type: str) -> bool:
    title = fold(f"{instrument.title} {instrument.title_en}")
    words = COVERS.get(case_type, GENERAL)
    return any(fold(w) in title for w in words)


def legal_basis_panel(*, user: Any, case: CooperationCase) -> dict[str, Any]:
    """What can found the request: the instruments in force with the partners on the case's date,
    those whose subject covers the kind of request first (``covers``); none: reciprocity."""
    country_ids = list({c.pk for c in case.countries.all()} | {a.country_id for a in case.agencies.all()})
    found = instruments_for(user=user, country_ids=country_ids, day=case.opened_on)
    for instrument in found:
        instrument.covers = covers(instrument, case.type)
    found.sort(key=lambda i: not i.covers)
    return {
        "instruments": found,
        "covering": [i for i in found if i.covers],
        "reciprocity_applies": not found,
        "day": case.opened_on,
    }


def deadline_status(*, user: Any, case: CooperationCase) -> Assignment | None:
    """The tracked response deadline of the case (status annotated), if visible to the user."""
    from django.contrib.contenttypes.models import ContentType

    ctype = ContentType.objects.get_for_model(CooperationCase)
    qs = (
        Assignment.objects.visible_to(user)
        .filter(obligation__source_type=ctype, obligation__source_id=str(case.pk), parent__isnull=True)
        .select_related("unit", "obligation")
    )
    return with_status(qs).first()


def outcome_totals(outcomes: list[Outcome]) -> dict[str, Any]:
    """Persons per outcome kind and seized quantities per substance and unit."""
    persons: dict[str, int] = OrderedDict()
    seized: dict[tuple[str, str], Decimal] = OrderedDict()
    labels: dict[str, str] = {}
    for o in outcomes:
        if o.kind == "seizure":
            key = (o.substance, o.get_measure_unit_display())
            seized[key] = seized.get(key, Decimal(0)) + (o.quantity or Decimal(0))
        else:
            labels[o.kind] = o.get_kind_display()
            persons[o.kind] = persons.get(o.kind, 0) + (o.count or 0)
    return {
        "persons": [{"kind": k, "label": labels[k], "count": v} for k, v in persons.items()],
        "seized": [{"substance": s, "unit": u, "quantity": q.normalize()} for (s, u), q in seized.items()],
    }


def operation_totals(*, user: Any) -> dict[str, int]:
    """Persons per outcome kind over every visible operation."""
    totals: dict[str, int] = {}
    for kind, count in Outcome.objects.visible_to(user).exclude(kind="seizure").values_list("kind", "count"):
        totals[kind] = totals.get(kind, 0) + (count or 0)
    return totals


def partner_cases(request: Any, partner: Any) -> dict[str, Any]:
    """A partner profile's cases and operations: with the agency, or the country (or its agencies).

    A multilateral body's profile lists none (a case's partners are countries and agencies).
    """
    from partners.models import Country, ForeignAgency

    from .models import Operation

    cases = CooperationCase.objects.visible_to(request.user)
    operations = Operation.objects.visible_to(request.user)
    if isinstance(partner, ForeignAgency):
        cases, operations = cases.filter(agencies=partner), operations.filter(agencies=partner)
    elif isinstance(partner, Country):
        case_ids = set(cases.filter(countries=partner).values_list("pk", flat=True)) | set(
            cases.filter(agencies__country=partner).values_list("pk", flat=True)
        )
        op_ids = set(operations.filter(countries=partner).values_list("pk", flat=True)) | set(
            operations.filter(agencies__country=partner).values_list("pk", flat=True)
        )
        cases, operations = cases.filter(pk__in=case_ids), operations.filter(pk__in=op_ids)
    else:
        cases, operations = cases.none(), operations.none()
    return {
        "partner_cases": cases.order_by("-opened_on", "pk")[:50],
        "partner_operations": operations.order_by("-started_on", "pk")[:20],
    }
