"""Accepting a proposed fact into the registry: which record it names, or the one to create.

Each kind of fact names one kind of record (``TARGETS``). Matching reads only records the
reviewer may see (``visible_to``): a hidden record is never proposed, never linked and never
named. Records are created only through their app's services (events, partners, cases);
countries, multilateral bodies, documents and operations are only linked. People are personal
data: nothing is created or linked from them (a suspect is added to a case by hand, where the
case's masking and audit apply). Headline counts are compared with the registry's
indicators instead (``headline_comparison``).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.links import LINK_ERROR
from core.exceptions import ValidationError
from core.text import fold

from .choices import FactField
from .models import FactProposal

NEW = "new"
MAX_CANDIDATES = 5


def _models() -> dict[str, Any]:
    """The record kinds facts are accepted into (imported late: articles sits above them)."""
    from cases.models import Operation, Outcome
    from events.models import Event
    from instruments.models import Directive, Instrument
    from partners.models import Country, ForeignAgency, MultilateralBody

    return {
        "event": Event,
        "operation": Operation,
        "outcome": Outcome,
        "agency": ForeignAgency,
        "country": Country,
        "body": MultilateralBody,
        "instrument": Instrument,
        "directive": Directive,
    }


# Extractor event types → the events app's types that may match them.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "conference": ("conference", "multilateral", "online"),
    "signing": ("signing",),
    "visit_in": ("incoming", "bilateral"),
    "visit_out": ("outgoing", "bilateral"),
    "training": ("training",),
    "other": ("other", "bilateral", "multilateral"),
    "extradition": ("other",),
    "repatriation": ("other",),
}
EVENT_CREATE_TYPE = {
    "conference": "conference",
    "signing": "signing",
    "visit_in": "incoming",
    "visit_out": "outgoing",
    "training": "training",
}
# Extractor quantity "what" → outcome kind (counts of people).
OUTCOME_KINDS = {
    "prosecuted": "prosecution",
    "arrested": "arrest",
    "wanted": "arrest",
    "detained": "arrest",
    "extradited": "extradition",
    "handed_over": "repatriation",
    "received": "repatriation",
    "transferred": "repatriation",
}
SEIZURE_UNITS = {
    "kg": "kg",
    "g": "g",
    "gram": "g",
    "tablet": "tablets",
    "tablets": "tablets",
    "litre": "litres",
}

NOTHING_CREATED = {
    FactField.PEOPLE: gettext_lazy(
        "People are personal data: nothing is created from them. Add a suspect to a case by hand, "
        "where the case's masking and audit apply."
    ),
    FactField.HEADLINE_COUNTS: gettext_lazy("Compared with the registry's figures, not recorded."),
    FactField.QUANTITIES: gettext_lazy("This figure is not an outcome of an operation: nothing is recorded."),
}


def value_of(proposal: FactProposal) -> dict[str, Any]:
    return proposal.corrected_value or proposal.value or {}


def _day_range(date_iso: str | None) -> tuple[datetime.date, datetime.date] | None:
    """The days a ``date_iso`` covers: a day, a month (2022-04) or an interval (a/b)."""
    if not date_iso:
        return None
    try:
        if "/" in date_iso:
            first, last = date_iso.split("/", 1)
            a, b = _day_range(first), _day_range(last)
            return (a[0], b[1]) if a and b else None
        if len(date_iso) == 7:
            start = datetime.date.fromisoformat(date_iso + "-01")
            end = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
                days=1
            )
            return start, end
        if len(date_iso) == 4:
            return datetime.date(int(date_iso), 1, 1), datetime.date(int(date_iso), 12, 31)
        day = datetime.date.fromisoformat(date_iso)
        return day, day
    except (ValueError, TypeError):
        return None


def kind_of(proposal: FactProposal) -> str | None:
    """The record kind a fact is accepted into (None: nothing is linked or created)."""
    value = value_of(proposal)
    field = proposal.field
    if field == FactField.EVENTS:
        return "operation" if value.get("type") == "operation" else "event"
    if field == FactField.PARTNER_AGENCIES:
        return "agency"
    if field == FactField.PARTNER_COUNTRIES:
        return "country"
    if field == FactField.MULTILATERAL_BODIES:
        return "body"
    if field == FactField.DOC_SYMBOLS:
        return "document"
    if field == FactField.QUANTITIES:
        return "outcome" if _outcome_kind(value) else None
    return None


def may_create(proposal: FactProposal) -> bool:
    """Whether "create new" is offered: events, agencies and outcomes only (the rest is
    reference data or a document recorded in its own app)."""
    return kind_of(proposal) in ("event", "agency", "outcome")


def _outcome_kind(value: dict[str, Any]) -> str | None:
    unit = str(value.get("unit") or "").lower()
    if unit in SEIZURE_UNITS:
        return "seizure"
    if unit == "person":
        return OUTCOME_KINDS.get(str(value.get("what") or ""))
    return None


def _names_in(text: str, names: list[str]) -> bool:
    folded = fold(text)
    return any(
        n and len(fold(n)) >= 3 and re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", folded) for n in names
    )


# --- Candidates: the visible records a fact may name -------------------------------------------


def candidates(*, user: Any, proposal: FactProposal) -> list[Any]:
    """The records the reviewer may see that this fact names, best first (at most a few)."""
    kind = kind_of(proposal)
    finder = _FINDERS.get(kind or "")
    return finder(user, proposal, value_of(proposal))[:MAX_CANDIDATES] if finder else []


def _events(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    Event = _models()["event"]
    qs = Event.objects.visible_to(user)
    days = _day_range(value.get("date_iso"))
    types = EVENT_TYPES.get(str(value.get("type") or ""), ())
    found = []
    if days:
        overlap = qs.filter(starts_on__lte=days[1]).filter(
            models.Q(ends_on__gte=days[0]) | models.Q(ends_on__isnull=True, starts_on__gte=days[0])
        )
        if types:
            overlap = overlap.filter(type__in=types)
        found = list(overlap.order_by("starts_on", "pk")[:MAX_CANDIDATES])
    if not found and proposal.field == FactField.EVENTS and value.get("type") == "signing":
        # A signing the article does not date: the events of the same kind on or before the
        # publication date whose title the evidence names.
        evidence = proposal.evidence
        for event in qs.filter(type="signing", starts_on__lte=proposal.article.published_on).order_by(
            "-starts_on"
        )[:50]:
            if _names_in(evidence, [event.title]):
                found.append(event)
    return found


def _operations(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    """Operations the evidence names (their name or code name), then those of its dates."""
    Operation = _models()["operation"]
    qs = Operation.objects.visible_to(user)
    named = [
        op
        for op in qs.only("id", "name", "code_name")
        if _names_in(proposal.evidence, [op.code_name, op.name])
    ]
    if named:
        return named
    days = _day_range(value.get("date_iso"))
    if not days:
        return []
    return list(
        qs.filter(started_on__lte=days[1])
        .filter(models.Q(ended_on__gte=days[0]) | models.Q(ended_on__isnull=True))
        .order_by("started_on", "pk")
    )


def _agencies(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    """Agencies matched by name, English name, original name or acronym (folded, a small
    tolerance for spelling), in the fact's country when it gives one."""
    from partners.selectors import names_close

    Agency = _models()["agency"]
    wanted = fold(value.get("name") or "")
    if not wanted:
        return []
    qs = Agency.objects.visible_to(user).select_related("country")
    if value.get("country"):
        qs = qs.filter(country__code=str(value["country"]).upper())
    close, within = [], []
    words = set(wanted.split())
    for agency in qs.only("id", "name_vi", "name_en", "name_original", "acronym", "country__code"):
        names = [fold(n) for n in (agency.name_vi, agency.name_en, agency.name_original, agency.acronym) if n]
        if any(names_close(n, wanted) for n in names):
            close.append(agency)
        elif value.get("country") and len(words) >= 2 and any(words <= set(n.split()) for n in names):
            # "cảnh sát Campuchia" as the article writes it: the country's agencies whose
            # name holds every word (the reviewer chooses among them).
            within.append(agency)
    return close + within


def _countries(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    Country = _models()["country"]
    code = str(value.get("iso2") or "").upper()
    return list(Country.objects.visible_to(user).filter(code=code)) if code else []


def _bodies(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    Body = _models()["body"]
    wanted = {fold(value.get("name") or ""), fold(value.get("as_written") or "")} - {""}
    return [
        body
        for body in Body.objects.visible_to(user).only("id", "name_vi", "name_en", "acronym")
        if wanted & {fold(body.name_vi), fold(body.name_en), fold(body.acronym)}
    ]


def _documents(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    """The directive or instrument with this symbol, compared in normalised form."""
    from instruments.symbols import SymbolError, normalize_symbol, search_key

    m = _models()
    raw = str(value.get("symbol") or "")
    try:
        symbol = normalize_symbol(raw)
    except SymbolError:
        symbol = raw
    if not symbol:
        return []
    found: list[Any] = list(m["directive"].objects.visible_to(user).filter(symbol_key=search_key(symbol)))
    found += [
        i
        for i in m["instrument"].objects.visible_to(user).exclude(symbol="").only("id", "symbol", "title")
        if _same_symbol(i.symbol, symbol)
    ]
    return found


def _same_symbol(stored: str, symbol: str) -> bool:
    from instruments.symbols import SymbolError, normalize_symbol

    try:
        return normalize_symbol(stored) == symbol
    except SymbolError:
        return stored == symbol


def _outcomes(user: Any, proposal: FactProposal, value: dict[str, Any]) -> list[Any]:
    """Outcomes of the same kind and figure; those of an operation the article names first."""
    Outcome = _models()["outcome"]
    kind = _outcome_kind(value)
    figure = _number(value.get("value"))
    if kind is None or figure is None:
        return []
    qs = Outcome.objects.visible_to(user).filter(kind=kind).select_related("operation")
    if kind == "seizure":
        qs = qs.filter(quantity=figure, measure_unit=SEIZURE_UNITS[str(value.get("unit")).lower()])
    elif figure == int(figure):
        qs = qs.filter(count=int(figure))
    else:
        return []
    text = proposal.article.text if "text" not in proposal.article.get_deferred_fields() else ""
    rows = list(qs.order_by("pk")[:50])
    return sorted(rows, key=lambda o: not (o.operation_id and _names_in(text, [o.operation.name])))


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


_FINDERS = {
    "event": _events,
    "operation": _operations,
    "agency": _agencies,
    "country": _countries,
    "body": _bodies,
    "document": _documents,
    "outcome": _outcomes,
}


def model_of(kind: str) -> list[type]:
    m = _models()
    if kind == "document":
        return [m["directive"], m["instrument"]]
    return [m[kind]]


def target_record(*, user: Any, proposal: FactProposal, target: Any) -> Any:
    """The visible record ``target`` names ("<model>:<id>" or an id), or a clear error; a
    hidden id gets the same error as a missing one."""
    kind = kind_of(proposal)
    if kind is None:
        raise ValidationError({"target": [str(NOTHING_CREATED.get(proposal.field, LINK_ERROR))]})
    text = str(target).strip()
    label, _sep, pk = text.rpartition(":")
    if not pk.isdigit():
        raise ValidationError({"target": [str(LINK_ERROR)]})
    for model in model_of(kind):
        if label and label != model._meta.label_lower:
            continue
        found = model._default_manager.visible_to(user).filter(pk=int(pk)).first()
        if found is not None:
            return found
    raise ValidationError({"target": [str(LINK_ERROR)]})


def target_key(record: Any) -> str:
    """How the accept form names a record: "events.event:12"."""
    return f"{record._meta.label_lower}:{record.pk}"


# --- Creating through the services -------------------------------------------------------------


def create_record(*, actor: Any, proposal: FactProposal, operation: Any = None) -> Any:
    """Create the record a fact describes through its app's service (validation, permission,
    history); the article's owner unit and classification carry over."""
    kind = kind_of(proposal)
    value = value_of(proposal)
    article = proposal.article
    if kind == "event":
        return _create_event(actor, proposal, value)
    if kind == "agency":
        from partners import services as partners
        from partners.models import Country

        country = Country.objects.filter(code=str(value.get("country") or "").upper()).first()
        if country is None:
            raise ValidationError(
                {"value": [_("Give the agency's country (its ISO code) by correcting the fact.")]}
            )
        return partners.agency_create(
            actor=actor,
            data={
                "name_vi": str(value.get("name") or proposal.evidence)[:255],
                "country": country,
                "kind": "police"
                if "police" in fold(value.get("name")) or "canh sat" in fold(value.get("name"))
                else "other",
                "owner_unit": article.owner_unit,
                "classification": article.classification,
            },
        )
    if kind == "outcome":
        return _create_outcome(actor, proposal, value, operation)
    raise ValidationError(
        {"target": [_("This kind of record is only linked, never created here: choose it.")]}
    )


def _create_event(actor: Any, proposal: FactProposal, value: dict[str, Any]) -> Any:
    from events import services as events
    from partners.models import Country, ForeignAgency

    days = _day_range(value.get("date_iso"))
    if days is None:
        raise ValidationError({"value": [_("Give the event's date (date_iso) by correcting the fact.")]})
    article = proposal.article
    siblings = FactProposal.objects.filter(article=article).exclude(status="rejected")
    codes = {
        str(value_of(p).get("iso2") or "").upper()
        for p in siblings.filter(field=FactField.PARTNER_COUNTRIES)
        if value_of(p).get("role") in ("partner", "venue")
    }
    agency_ids = [
        int(p.linked_id)
        for p in siblings.filter(field=FactField.PARTNER_AGENCIES, linked_id__isnull=False)
        if str(p.linked_id).isdigit()
    ]
    title = (value.get("summary") or proposal.evidence).strip()
    return events.event_create(
        actor=actor,
        data={
            "type": EVENT_CREATE_TYPE.get(str(value.get("type")), "other"),
            "title": title[:500],
            "starts_on": days[0],
            "ends_on": days[1] if days[1] != days[0] else None,
            "city": str(value.get("place") or "")[:200],
            "level": "department",
            "summary": _("From the article “{}” ({}): {}").format(
                article.title, article.source_name, proposal.evidence
            ),
            "owner_unit": article.owner_unit,
            "classification": article.classification,
            "countries": list(Country.objects.filter(code__in=codes - {""})),
            # Only the agencies the reviewer sees: the event service refuses any other.
            "agencies": list(ForeignAgency.objects.visible_to(actor).filter(pk__in=agency_ids)),
        },
    )


def _create_outcome(actor: Any, proposal: FactProposal, value: dict[str, Any], operation: Any) -> Any:
    from cases import services as cases

    if operation is None:
        raise ValidationError({"operation": [_("Choose the operation this outcome belongs to.")]})
    kind = _outcome_kind(value)
    figure = _number(value.get("value"))
    data: dict[str, Any] = {"kind": kind, "operation": operation, "notes": proposal.evidence[:500]}
    if kind == "seizure":
        data.update(
            substance=str(value.get("what") or "")[:200],
            quantity=figure,
            measure_unit=SEIZURE_UNITS[str(value.get("unit")).lower()],
        )
    else:
        data["count"] = int(figure or 0)
    days = _day_range(value.get("date_iso"))
    data["occurred_on"] = days[0] if days else None
    return cases.outcome_create(actor=actor, data=data)


def operation_choices(*, user: Any, proposal: FactProposal) -> list[Any]:
    """Operations an outcome may be created under: those the article's operation facts name
    (visible), else the visible operations whose name the article's text holds."""
    Operation = _models()["operation"]
    qs = Operation.objects.visible_to(user)
    text = (
        proposal.article.text if "text" not in proposal.article.get_deferred_fields() else proposal.evidence
    )
    return [op for op in qs.only("id", "name", "code_name") if _names_in(text, [op.code_name, op.name])][
        :MAX_CANDIDATES
    ]


# --- The article as outreach coverage (events.MediaItem) ---------------------------------------


def media_candidates(*, user: Any, article: Any) -> list[Any]:
    """Visible media items that are this article: the same URL, or the same title and date."""
    from events.models import MediaItem

    qs = MediaItem.objects.visible_to(user)
    same = models.Q(title__iexact=article.title, published_on=article.published_on)
    if article.url:
        same |= models.Q(url=article.url[:500])
    return list(qs.filter(same).order_by("pk")[:MAX_CANDIDATES])


def media_target(*, user: Any, target: Any) -> Any:
    """The visible media item ``target`` names ("events.mediaitem:<id>" or an id), else the
    same error for a hidden or missing one."""
    from events.models import MediaItem

    label, _sep, pk = str(target).strip().rpartition(":")
    if not pk.isdigit() or label not in ("", "events.mediaitem"):
        raise ValidationError({"target": [str(LINK_ERROR)]})
    found = MediaItem.objects.visible_to(user).filter(pk=int(pk)).first()
    if found is None:
        raise ValidationError({"target": [str(LINK_ERROR)]})
    return found


def create_media_item(*, actor: Any, article: Any) -> Any:
    """The article as a media item, through events.services.media_create: its source as the
    outlet, the event and partner countries the article's accepted facts name (visible)."""
    from events import services as events
    from events.models import Event
    from partners.models import Country

    facts = FactProposal.objects.filter(article=article, status__in=("accepted", "corrected"))
    event_type = ContentType_for(Event)
    event_ids = [int(p.linked_id) for p in facts.filter(linked_type=event_type) if str(p.linked_id).isdigit()]
    event = Event.objects.visible_to(actor).filter(pk__in=event_ids).order_by("pk").first()
    codes = {
        str(value_of(p).get("iso2") or "").upper()
        for p in facts.filter(field=FactField.PARTNER_COUNTRIES)
        if value_of(p).get("role") in ("partner", "venue")
    }
    return events.media_create(
        actor=actor,
        data={
            "outlet": (article.source_name or _("unknown source"))[:200],
            "title": article.title[:500],
            "url": article.url if len(article.url) <= 500 else "",
            "published_on": article.published_on,
            "language": "vi",
            "platform": "online" if article.url else "press",
            "event": event,
            "owner_unit": article.owner_unit,
            "classification": article.classification,
            "countries": list(Country.objects.filter(code__in=codes - {""})),
        },
    )


def ContentType_for(model: type) -> Any:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)


# --- A relationship with the reviewer's unit, proposed with the agency -------------------------

RELATIONSHIP_LEVELS = {"ministry": "ministry", "department": "department", "province": "province"}


def relationship_start(proposal: FactProposal) -> datetime.date:
    """The day the proposed relationship starts: the fact's date when it gives one, else the
    earliest dated event fact of the article, else the article's publication date."""
    days = _day_range(value_of(proposal).get("date_iso"))
    if days:
        return days[0]
    dated = [
        d[0]
        for p in FactProposal.objects.filter(article=proposal.article, field=FactField.EVENTS).exclude(
            status="rejected"
        )
        if (d := _day_range(value_of(p).get("date_iso")))
    ]
    return min(dated) if dated else proposal.article.published_on


def visible_relationship(*, user: Any, agency: Any, unit: Any, day: datetime.date) -> Any:
    """The relationship of ``agency`` with ``unit`` the user sees that runs on or after ``day``
    (open or ended later): the one to link instead of proposing a duplicate."""
    from partners.models import Relationship

    if unit is None:
        return None
    return (
        Relationship.objects.visible_to(user)
        .filter(agency=agency, owner_unit=unit)
        .filter(models.Q(end__isnull=True) | models.Q(end__gte=day))
        .order_by("start", "pk")
        .first()
    )


def relationship_for(*, actor: Any, proposal: FactProposal, agency: Any) -> tuple[Any, bool]:
    """The relationship of the accepted agency with the reviewer's unit: the visible one that
    runs (linked, never duplicated), else a new one through partners.services.relationship_create
    (from the fact's date, the reviewer's unit's level, the article's classification, a note
    naming the article). Returns (relationship, created)."""
    from partners import services as partners

    unit = getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"relationship": [_("A relationship needs your unit: you have none.")]})
    start = relationship_start(proposal)
    found = visible_relationship(user=actor, agency=agency, unit=unit, day=start)
    if found is not None:
        return found, False
    article = proposal.article
    created = partners.relationship_create(
        actor=actor,
        data={
            "agency": agency,
            "owner_unit": unit,
            "start": start,
            "level": RELATIONSHIP_LEVELS.get(getattr(unit, "kind", ""), "department"),
            "channels": [],
            "notes": _("Proposed from the article “{}” ({}): {}").format(
                article.title, article.source_name, proposal.evidence
            )[:2000],
            "classification": article.classification,
        },
    )
    return created, True


# --- An instrument signing: the instrument a signing fact records -------------------------------

INSTRUMENT_TYPES = (  # folded words of the evidence → instrument type, first match
    ("ban ghi nho", "mou"),
    ("memorandum of understanding", "mou"),
    ("hiep dinh", "agreement"),
    ("agreement", "agreement"),
    ("cong uoc", "treaty"),
    ("convention", "treaty"),
    ("hiep uoc", "treaty"),
    ("ke hoach", "cooperation_plan"),
    ("tuyen bo", "joint_statement"),
)


def is_signing(proposal: FactProposal) -> bool:
    return proposal.field == FactField.EVENTS and value_of(proposal).get("type") == "signing"


def _article_symbols(proposal: FactProposal) -> list[str]:
    from instruments.symbols import SymbolError, normalize_symbol

    out = []
    for p in FactProposal.objects.filter(article=proposal.article, field=FactField.DOC_SYMBOLS).exclude(
        status="rejected"
    ):
        raw = str(value_of(p).get("symbol") or "")
        try:
            out.append(normalize_symbol(raw))
        except SymbolError:
            if raw:
                out.append(raw)
    return out


def instrument_candidates(*, user: Any, proposal: FactProposal) -> list[Any]:
    """The visible instruments a signing fact records: those with a symbol the article's
    document-symbol facts give (normalised), then those whose title the evidence names."""
    if not is_signing(proposal):
        return []
    Instrument = _models()["instrument"]
    symbols = set(_article_symbols(proposal))
    found, named = [], []
    for inst in Instrument.objects.visible_to(user).only("id", "symbol", "title", "title_en"):
        if inst.symbol and any(_same_symbol(inst.symbol, s) for s in symbols):
            found.append(inst)
        elif _names_in(proposal.evidence, [inst.title, inst.title_en]) or (
            fold(inst.title) and fold(inst.title) == fold(_signing_title(proposal))
        ):
            named.append(inst)
    return (found + named)[:MAX_CANDIDATES]


def _signing_title(proposal: FactProposal) -> str:
    return str(value_of(proposal).get("summary") or proposal.evidence).strip()[:500]


def instrument_for(*, actor: Any, proposal: FactProposal, event: Any = None) -> tuple[Any, bool]:
    """The instrument of a signing fact: the visible one it names (linked, never duplicated),
    else a new one through instruments.services.instrument_create: signed on the event's day,
    with the article's accepted partner countries, titled from the evidence. (record, created)"""
    from instruments import services as instruments
    from partners.models import Country

    if not is_signing(proposal):
        raise ValidationError({"instrument": [_("Only a signing records an instrument.")]})
    found = instrument_candidates(user=actor, proposal=proposal)
    if found:
        return found[0], False
    days = _day_range(value_of(proposal).get("date_iso"))
    day = days[0] if days else getattr(event, "starts_on", None)
    if day is None:
        raise ValidationError({"value": [_("Give the signing's date (date_iso) by correcting the fact.")]})
    article = proposal.article
    codes = {
        str(value_of(p).get("iso2") or "").upper()
        for p in FactProposal.objects.filter(
            article=article, field=FactField.PARTNER_COUNTRIES, status__in=("accepted", "corrected")
        )
        if value_of(p).get("role") in ("partner", "venue")
    }
    countries = list(Country.objects.filter(code__in=codes - {""}))
    folded = fold(proposal.evidence)
    kind = next((t for words, t in INSTRUMENT_TYPES if words in folded), "other")
    created = instruments.instrument_create(
        actor=actor,
        data={
            "title": _signing_title(proposal),
            "type": kind,
            "level": "ministry",
            "multilateral": len(countries) > 1,
            "status": "signed",
            "signed_on": day,
            "place": str(value_of(proposal).get("place") or "")[:200],
            "notes": _("From the article “{}” ({}): {}").format(
                article.title, article.source_name, proposal.evidence
            ),
            "owner_unit": article.owner_unit,
            "classification": article.classification,
            "countries": countries,
        },
    )
    return created, True
