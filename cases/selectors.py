"""Reads of cases and operations that are more than a filter (all through ``visible_to``)."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from decimal import Decimal
from typing import Any

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access.links import RESTRICTED
from instruments.models import Instrument
from tracking.models import Assignment, Obligation, ProgressReport
from tracking.selectors import with_status

from .models import CooperationCase, Operation, Outcome


def _with_partners(user: Any, country_ids: list[int], body_ids: Any = ()):
    """Instruments with any of the countries: directly, through an agency, as a party, or
    through a body whose member they are (``body_ids``, from ``_member_bodies``)."""
    from partners.models import ForeignAgency

    # Through the agencies the user sees: a hidden agency must not offer an instrument.
    agencies = ForeignAgency.objects.visible_to(user).filter(country__in=country_ids).values("pk")
    scope = (
        Q(countries__in=country_ids) | Q(agencies__in=agencies) | Q(party_actions__country__in=country_ids)
    )
    if body_ids:
        scope |= Q(bodies__in=body_ids)
    return Instrument.objects.visible_to(user).filter(scope)


def _member_bodies(user: Any, country_ids: list[int], day: datetime.date) -> dict[int, list[Any]]:
    """Body id -> the memberships on ``day`` of the partner countries in the country group
    that records that body's members (ASEAN): an instrument naming only the body is then
    offered with them, still judged by its party rows (one query)."""
    from partners.models import CountryGroupMember
    from partners.selectors import member_on

    out: dict[int, list[Any]] = {}
    rows = (
        CountryGroupMember.objects.visible_to(user)
        .filter(member_on(day), country__in=country_ids, group__body__isnull=False)
        .select_related("group", "country")
        .order_by("group_id", "country__sort_key", "pk")
    )
    for row in rows:
        out.setdefault(row.group.body_id, []).append(row)
    return out


def legal_basis_panel(*, user: Any, case: CooperationCase) -> dict[str, Any]:
    """What can found the request: each signed instrument with the partners, and whether it is
    a basis on the case's date (``legal_basis_for``); none: reciprocity."""
    country_ids = list({c.pk for c in case.countries.all()} | {a.country_id for a in case.agencies.all()})
    return legal_basis_for(user=user, country_ids=country_ids, case_type=case.type, day=case.opened_on)


# The directory's kind of request for each case type.
REQUEST_KIND = {
    "mla": "mla",
    "extradition": "extradition",
    "transfer": "transfer",
    "interpol_notice": "interpol",
}


def legal_basis_for(
    *, user: Any, country_ids: list[int], case_type: str, day: datetime.date
) -> dict[str, Any]:
    """The legal-basis panel for a request (the case page, and the case form asks it live).

    Every signed instrument with the partners (directly, through an agency the user sees, or as
    a party) is judged by ``instruments.selectors.basis_on``: bilateral ones bind both parties
    from entry into force to termination; multilateral ones need Viet Nam and a partner both
    bound on ``day`` by their party rows; and the request type must be covered. Each comes
    with its reasons. Queries are constant in the number of partners and instruments.
    """
    from django.db.models import Prefetch

    from instruments.models import VIETNAM, InstrumentParty
    from instruments.selectors import basis_on
    from partners.models import Country, ForeignAgency, MultilateralBody

    from .models import CompetentAuthority, RuleSet

    bases: list[Any] = []
    if country_ids:
        partners = {c.pk: c for c in Country.objects.visible_to(user).filter(pk__in=country_ids)}
        member_bodies = _member_bodies(user, country_ids, day)
        candidates = list(
            Instrument.objects.visible_to(user)
            .filter(pk__in=_with_partners(user, country_ids, list(member_bodies)).values("pk"))
            .exclude(status__in=("drafting", "negotiating"))
            .prefetch_related(
                Prefetch(
                    "countries",
                    queryset=Country.objects.visible_to(user).filter(pk__in=country_ids),
                    to_attr="partner_countries",
                ),
                Prefetch(
                    "agencies",
                    queryset=ForeignAgency.objects.visible_to(user).filter(country__in=country_ids),
                    to_attr="partner_agencies",
                ),
                Prefetch(
                    "bodies",
                    queryset=MultilateralBody.objects.visible_to(user).filter(pk__in=list(member_bodies)),
                    to_attr="member_bodies",
                ),
            )
            .order_by("-in_force_on", "pk")
        )
        rows: dict[int, dict[int, InstrumentParty]] = {}
        vietnam = None
        multilateral = [i.pk for i in candidates if i.multilateral]
        if multilateral:
            for row in (
                InstrumentParty.objects.visible_to(user)
                .filter(instrument__in=multilateral)
                .filter(Q(country__in=country_ids) | Q(country__code=VIETNAM))
                .select_related("country")
            ):
                rows.setdefault(row.instrument_id, {})[row.country_id] = row
                if row.country.code == VIETNAM:
                    vietnam = row.country
        for instrument in candidates:
            # A bilateral instrument has no party rows: its partners are its countries and agencies.
            mine = rows.get(instrument.pk, {}) if instrument.multilateral else {}
            linked = {c.pk for c in instrument.partner_countries}
            linked |= {a.country_id for a in instrument.partner_agencies} | set(mine)
            # Members of a body the instrument names, when no other link names them.
            through = [
                m
                for body in instrument.member_bodies
                for m in member_bodies.get(body.pk, [])
                if m.country_id not in linked
            ]
            linked |= {m.country_id for m in through}
            with_them = [p for pk, p in partners.items() if pk in linked]
            basis = basis_on(
                instrument,
                day=day,
                request_type=case_type,
                partners=with_them,
                rows=mine,
                vietnam=vietnam,
            )
            basis.reasons[:0] = [
                _("{country}: member of {group} on {day}, which the instrument names").format(
                    country=m.country, group=m.group, day=day.strftime("%d/%m/%Y")
                )
                for m in through
            ]
            bases.append(basis)
        # Bases first, then those whose coverage is not recorded, then the rest.
        rank = {"bound": 0, "coverage_unknown": 1}
        bases.sort(key=lambda b: rank.get(b.status, 2))
    authorities = []
    if country_ids:
        kind = REQUEST_KIND.get(case_type, "other")
        authorities = list(
            CompetentAuthority.objects.visible_to(user)
            .filter(
                country__in=country_ids, request_kind__in=(kind, "interpol") if kind == "other" else (kind,)
            )
            .select_related("country")
        )
    found = [b for b in bases if b.is_basis]
    return {
        "bases": bases,
        "instruments": [b.instrument for b in bases],
        "covering": [b.instrument for b in found],
        "others": [b for b in bases if not b.is_basis],
        "reciprocity_applies": not found,
        "authorities": authorities,
        "day": day,
        "has_partners": bool(country_ids),
        # The law of the request type on that day and the central authority it names.
        "rule_set": RuleSet.in_force(case_type, day) if case_type else None,
    }


def deadline_status(*, user: Any, case: CooperationCase, kind: str = "case") -> Assignment | None:
    """A tracked deadline of the case (the response by default, or ``"arrest"``: the
    provisional-arrest limit), status annotated, if visible to the user."""
    from django.contrib.contenttypes.models import ContentType

    ctype = ContentType.objects.get_for_model(CooperationCase)
    qs = (
        Assignment.objects.visible_to(user)
        .filter(
            obligation__source_type=ctype,
            obligation__source_id=str(case.pk),
            obligation__source_kind=kind,
            parent__isnull=True,
        )
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
    outcomes = Outcome.objects.visible_to(user).filter(operation__isnull=False).exclude(kind="seizure")
    for kind, count in outcomes.values_list("kind", "count"):
        totals[kind] = totals.get(kind, 0) + (count or 0)
    return totals


OUTCOME_LINKS = ("case", "operation", "report", "obligation", "instrument")
# What a progress report's name reads (its period and the assigned unit).
OUTCOME_LABELS = ("report__period", "report__assignment__unit")


def _outcomes(user: Any) -> Any:
    """Visible outcomes with the records they name (hidden ones marked, in the same query)."""
    return (
        Outcome.objects.visible_to(user)
        .select_related(*OUTCOME_LINKS, *OUTCOME_LABELS)
        .order_by(F("occurred_on").desc(nulls_last=True), "kind", "pk")
    )


def case_outcomes(*, user: Any, case: CooperationCase) -> list[Outcome]:
    """What came out of a case: its own outcomes and those of the operations it is linked to."""
    operations = Operation.objects.visible_to(user).filter(cases=case).order_by().values("pk")
    return list(_outcomes(user).filter(Q(case_id=case.pk) | Q(operation__in=operations)))


def operation_outcomes(*, user: Any, operation: Any) -> list[Outcome]:
    return list(_outcomes(user).filter(operation_id=operation.pk))


def obligation_outcomes(*, user: Any, obligation: Any) -> list[Outcome]:
    """What was done for an obligation: outcomes naming it, and those reported under its
    assignments."""
    return list(
        _outcomes(user).filter(Q(obligation=obligation) | Q(report__assignment__obligation=obligation))
    )


def report_outcomes(*, user: Any, report: Any) -> list[Outcome]:
    return list(_outcomes(user).filter(report_id=report.pk))


def instrument_outcomes_by_year(*, user: Any, instrument: Any) -> list[dict[str, Any]]:
    """What was done under an instrument, year by year (latest first; undated last), with
    each year's totals."""
    years: dict[int | None, list[Outcome]] = {}
    for outcome in _outcomes(user).filter(instrument_id=instrument.pk):
        years.setdefault(outcome.occurred_on.year if outcome.occurred_on else None, []).append(outcome)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    return [{"year": y, "outcomes": years[y], "totals": outcome_totals(years[y])} for y in order]


def outcome_chain(*, user: Any, outcome: Outcome) -> list[dict[str, Any]]:
    """The chain behind an outcome, source first: clause (or other source) → obligation →
    assignment → progress report → this outcome, and its case or operation. Each step is a
    record the user sees; one they may not see reads as "restricted record" and its
    neighbours further up are not followed (nothing is learnt through a hidden record)."""
    steps: list[dict[str, Any]] = []

    def step(label: str, record: Any) -> None:
        steps.insert(0, {"label": label, "record": record or None, "text": str(record or RESTRICTED)})

    obligation_id = outcome.obligation_id
    if outcome.report_id:
        report = (
            ProgressReport.objects.visible_to(user)
            .select_related("assignment")
            .filter(pk=outcome.report_id)
            .first()
        )
        step(_("Progress report"), report)
        if report is None:
            return steps
        assignment = (
            Assignment.objects.visible_to(user).select_related("unit").filter(pk=report.assignment_id).first()
        )
        step(_("Assignment"), assignment)
        if assignment is None:
            return steps
        obligation_id = obligation_id or assignment.obligation_id
    if outcome.operation_id:
        step(_("Operation"), Operation.objects.visible_to(user).filter(pk=outcome.operation_id).first())
    if outcome.case_id:
        step(
            _("Cooperation case"), CooperationCase.objects.visible_to(user).filter(pk=outcome.case_id).first()
        )
    if obligation_id:
        obligation = Obligation.objects.visible_to(user).filter(pk=obligation_id).first()
        step(_("Obligation"), obligation)
        if obligation is not None and obligation.source_id:
            source = obligation.source  # None when the viewer may not see it
            label = str(type(source)._meta.verbose_name).capitalize() if source is not None else _("Source")
            step(label, source)
    if outcome.instrument_id:
        instrument = Instrument.objects.visible_to(user).filter(pk=outcome.instrument_id).first()
        steps.insert(
            0, {"label": _("Instrument"), "record": instrument, "text": str(instrument or RESTRICTED)}
        )
    return steps


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
        # Through the agencies the user sees: a hidden agency must not put a record here.
        agencies = ForeignAgency.objects.visible_to(request.user).filter(country=partner).values("pk")
        case_ids = set(cases.filter(countries=partner).values_list("pk", flat=True)) | set(
            cases.filter(agencies__in=agencies).values_list("pk", flat=True)
        )
        op_ids = set(operations.filter(countries=partner).values_list("pk", flat=True)) | set(
            operations.filter(agencies__in=agencies).values_list("pk", flat=True)
        )
        cases, operations = cases.filter(pk__in=case_ids), operations.filter(pk__in=op_ids)
    else:
        cases, operations = cases.none(), operations.none()
    return {
        "partner_cases": cases.order_by("-opened_on", "pk")[:50],
        "partner_operations": operations.order_by("-started_on", "pk")[:20],
    }


def case_timeline(*, user: Any, case: CooperationCase) -> list[dict[str, Any]]:
    """What happened on a case, in date order: opening, messages, status changes, references,
    release decisions, transfers of personal data and the deadlines (past and to come).

    A fixed number of queries whatever the case holds (one per kind of event)."""
    from django.utils.translation import gettext as _

    from core.history import history_for

    from .choices import CaseStatus
    from .models import CaseMessage, CaseReference, PersonalDataTransfer, ReleaseDecision

    labels = dict(CaseStatus.choices)
    events: list[dict[str, Any]] = [{"day": case.opened_on, "kind": "opened", "text": _("Case opened")}]
    for m in CaseMessage.objects.visible_to(user).filter(case=case).order_by("date", "pk"):
        kind = "sent" if m.direction == "sent" else "received"
        events.append({"day": m.date, "kind": kind, "text": m.summary, "url": m.get_absolute_url()})
    for change in history_for(case).order_by("time", "pk"):
        before = (change.prechange_data or {}).get("status")
        after = (change.postchange_data or {}).get("status")
        if before and after and before != after:
            events.append(
                {
                    "day": timezone.localtime(change.time).date(),
                    "kind": "status",
                    "text": _("Status: {} → {}").format(labels.get(before, before), labels.get(after, after)),
                }
            )
    for r in CaseReference.objects.visible_to(user).filter(case=case).order_by("pk"):
        events.append({"day": timezone.localtime(r.created_at).date(), "kind": "reference", "text": str(r)})
    for d in ReleaseDecision.objects.visible_to(user).filter(case=case).order_by("decided_on", "pk"):
        events.append(
            {
                "day": d.decided_on,
                "kind": "decision",
                "text": _("Release decision {} ({})").format(d.decision_ref, d.get_decision_level_display()),
                "url": d.get_absolute_url(),
            }
        )
    for t in PersonalDataTransfer.objects.visible_to(user).filter(case=case).order_by("transferred_on", "pk"):
        events.append(
            {
                "day": t.transferred_on,
                "kind": "transfer",
                "text": _("Personal data transferred to {}").format(t.recipient),
                "url": t.get_absolute_url(),
            }
        )
    if case.response_due_on:
        events.append({"day": case.response_due_on, "kind": "deadline", "text": _("Response due")})
    if case.provisional_arrest_deadline:
        events.append(
            {
                "day": case.provisional_arrest_deadline,
                "kind": "deadline",
                "text": _(
                    "Last day for the extradition request ({} days after the provisional arrest)"
                ).format(case.provisional_arrest_limit),
            }
        )
    if case.provisional_arrest_ended_on:
        events.append(
            {
                "day": case.provisional_arrest_ended_on,
                "kind": "status",
                "text": _("Provisional arrest ended: {}").format(case.get_provisional_arrest_end_display()),
            }
        )
    if case.closed_on:
        events.append({"day": case.closed_on, "kind": "closed", "text": _("Case closed")})
    order = {"opened": 0, "received": 1, "sent": 1, "decision": 1, "transfer": 2, "reference": 2, "status": 3}
    today = timezone.localdate()
    events.sort(key=lambda e: (e["day"], order.get(e["kind"], 4)))
    for e in events:
        e["future"] = e["day"] > today
    return events


def statistics(
    *, user: Any, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> dict[str, Any]:
    """Cases by year, type, partner country, partner agency and crime area; operations' persons
    per outcome kind and seizure totals by substance (all through ``visible_to``).

    A case counts in the period of its opening; an operation's outcomes in the period of the
    operation's start. A case with two partner countries counts once for each of them.
    """
    from django.db.models import Count, Sum
    from django.utils.translation import get_language

    from .choices import CaseType, CrimeArea, OutcomeKind
    from .models import Operation

    cases = CooperationCase.objects.visible_to(user)
    operations = Operation.objects.visible_to(user)
    if date_from:
        cases = cases.filter(opened_on__gte=date_from)
        operations = operations.filter(started_on__gte=date_from)
    if date_to:
        cases = cases.filter(opened_on__lte=date_to)
        operations = operations.filter(started_on__lte=date_to)
    ids = cases.values("pk")
    base = CooperationCase.objects.filter(pk__in=ids)
    type_labels = dict(CaseType.choices)
    area_labels = dict(CrimeArea.choices)

    by_year: dict[int, int] = {}
    for day in base.values_list("opened_on", flat=True):
        by_year[day.year] = by_year.get(day.year, 0) + 1
    by_type = [
        {"key": r["type"], "label": str(type_labels.get(r["type"], r["type"])), "count": r["n"]}
        for r in base.values("type").annotate(n=Count("pk")).order_by("-n", "type")
    ]
    by_area = [
        {
            "key": r["crime_area"],
            "label": str(area_labels.get(r["crime_area"], r["crime_area"])),
            "count": r["n"],
        }
        for r in base.values("crime_area").annotate(n=Count("pk")).order_by("-n", "crime_area")
    ]
    name = "name_en" if (get_language() or "vi").startswith("en") else "name_vi"
    by_country = [
        {
            "key": r["countries__code"],
            "label": r[f"countries__{name}"] or r["countries__name_vi"],
            "count": r["n"],
        }
        for r in base.filter(countries__isnull=False)
        .values("countries__code", f"countries__{name}", "countries__name_vi")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "countries__code")
    ]
    # Grouped by the agencies the user sees only: a hidden agency is neither named nor
    # counted; ``partners_hidden`` says some are left out (never how many).
    from partners.models import ForeignAgency

    visible_agencies = ForeignAgency.objects.visible_to(user).values("pk")
    by_partner = [
        {
            "key": r["agencies__pk"],
            "label": r[f"agencies__{name}"] or r["agencies__name_vi"],
            "acronym": r["agencies__acronym"],
            "count": r["n"],
        }
        for r in base.filter(agencies__in=visible_agencies)
        .values("agencies__pk", f"agencies__{name}", "agencies__name_vi", "agencies__acronym")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "agencies__pk")
    ]
    partners_hidden = (
        CooperationCase.agencies.through.objects.filter(cooperationcase__in=ids)
        .exclude(foreignagency__in=visible_agencies)
        .exists()
    )
    outcomes = Outcome.objects.filter(operation__in=operations.values("pk"))
    kind_labels = dict(OutcomeKind.choices)
    persons = [
        {"key": r["kind"], "label": str(kind_labels[r["kind"]]), "count": r["n"] or 0}
        for r in outcomes.exclude(kind="seizure").values("kind").annotate(n=Sum("count")).order_by("kind")
    ]
    from .choices import MeasureUnit

    unit_labels = dict(MeasureUnit.choices)
    seizures = [
        {
            "substance": r["substance"],
            "unit": str(unit_labels.get(r["measure_unit"], r["measure_unit"])),
            "quantity": (r["q"] or Decimal(0)).normalize(),
        }
        for r in outcomes.filter(kind="seizure")
        .values("substance", "measure_unit")
        .annotate(q=Sum("quantity"))
        .order_by("substance", "measure_unit")
    ]
    return {
        "date_from": date_from,
        "date_to": date_to,
        "total_cases": sum(by_year.values()),
        "total_operations": operations.count(),
        "by_year": [{"key": y, "label": str(y), "count": n} for y, n in sorted(by_year.items())],
        "by_type": by_type,
        "by_crime_area": by_area,
        "by_country": by_country,
        "by_partner": by_partner,
        "partners_hidden": partners_hidden,
        "persons": persons,
        "seizures": seizures,
    }
