"""The directive cascade and the cooperation instruments of the seeds, through the services."""

from __future__ import annotations

import datetime
from typing import Any

from core.context import SYSTEM
from core.services import record_share
from org.models import Unit
from partners import demo_data as partner_data
from partners.models import Country, ForeignAgency, MultilateralBody

from . import demo_data, services
from .models import Directive, Instrument, InstrumentParty


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _items(
    directive: Directive, items: list[dict[str, Any]], parent: Any = None, counter: list[int] | None = None
) -> None:
    counter = counter if counter is not None else [0]
    for item in items:
        counter[0] += 1
        created = services.item_create(
            actor=SYSTEM,
            data={
                "directive": directive,
                "parent": parent,
                "kind": item["kind"],
                "number": item.get("number", ""),
                "text": item["text"],
                "order": counter[0],
                "demo_text": bool(item.get("demo_text", False)),
            },
        )
        _items(directive, item.get("children", []), created, counter)


def load_directives(units: dict[str, Unit]) -> int:
    by_key: dict[str, Directive] = {}
    existing = {d.symbol: d for d in Directive.objects.all()}
    created = 0
    for row in demo_data.DIRECTIVES:
        from .symbols import normalize_symbol

        symbol = normalize_symbol(row["symbol"])
        directive = existing.get(symbol)
        if directive is None:
            directive = services.directive_create(
                actor=SYSTEM,
                data={
                    "symbol": symbol,
                    "kind": row["kind"],
                    "issuer": row["issuer"],
                    "issued_on": _day(row["issued_on"]),
                    "signer": row.get("signer", ""),
                    "title": row["title"],
                    "title_en": row.get("title_en", ""),
                    "summary": row.get("summary", ""),
                    "owner_unit": units[row.get("unit", "CDN")],
                    "implements": [by_key[k] for k in row.get("implements", []) if k in by_key],
                },
            )
            _items(directive, row.get("items", []))
            created += 1
        if row.get("unit", "CDN") in ("CDN", "BCA") and directive.kind != "plan":
            # National directives concern every department and provincial police.
            record_share(actor=SYSTEM, obj=directive, units=[u for u in units.values() if u.depth == 1])
        by_key[row["key"]] = directive
    return created


def _parties(
    row: dict[str, Any],
    agencies: dict[str, ForeignAgency],
    countries: dict[str, Country],
    bodies: dict[str, MultilateralBody],
):
    out: dict[str, list] = {"agencies": [], "countries": [], "bodies": []}
    for party in row.get("parties", []):
        if "agency" in party:
            out["agencies"].append(agencies[party["agency"]])
        elif "country" in party:
            out["countries"].append(countries[party["country"]])
        elif "body" in party:
            out["bodies"].append(bodies[party["body"]])
    return out


def load_instruments(units: dict[str, Unit]) -> int:
    countries = {c.code: c for c in Country.objects.all()}
    agency_names = {row[0]: (row[1], row[3]) for row in partner_data.AGENCIES}
    by_name = {(a.country.code, a.name_vi): a for a in ForeignAgency.objects.select_related("country")}
    agencies = {
        key: by_name[(code, name)] for key, (code, name) in agency_names.items() if (code, name) in by_name
    }
    body_names = {row[0]: row[4] for row in partner_data.BODIES}
    by_body = {b.name_en: b for b in MultilateralBody.objects.all()}
    bodies = {key: by_body[name] for key, name in body_names.items() if name in by_body}
    existing = set(Instrument.objects.values_list("title", flat=True))
    created = 0
    for row in demo_data.INSTRUMENTS:
        if row["title"] in existing:
            continue
        data = {
            "title": row["title"],
            "title_en": row.get("title_en", ""),
            "type": row["type"],
            "level": row["level"],
            "multilateral": bool(row.get("multilateral")),
            "status": row["status"],
            "negotiation_started_on": _day(row.get("negotiation_started_on")),
            "signed_on": _day(row.get("signed_on")),
            "in_force_on": _day(row.get("in_force_on")),
            "expires_on": _day(row.get("expires_on")),
            "ended_on": _day(row.get("ended_on")),
            "place": row.get("place", ""),
            "request_types": list(row.get("request_types", [])),
            "owner_unit": units[row.get("unit", "CDN")],
            "classification": row.get("classification", "thuong"),
            **_parties(row, agencies, countries, bodies),
        }
        # The post-signing deadlines matter for recent instruments; older ones were met long ago.
        recent = data["signed_on"] is not None and data["signed_on"] >= datetime.date(2025, 1, 1)
        instrument = services.instrument_create(actor=SYSTEM, data=data, follow_ups=recent)
        for i, clause in enumerate(row.get("clauses", []), start=1):
            services.clause_create(
                actor=SYSTEM,
                data={
                    "instrument": instrument,
                    "number": clause["number"],
                    "text": clause["text"],
                    "creates_obligation": bool(clause.get("creates_obligation")),
                    "order": i,
                },
            )
        for action in row.get("party_actions", []):
            services.party_action_create(
                actor=SYSTEM,
                data={
                    "instrument": instrument,
                    "country": countries[action["country"]],
                    "signed_on": _day(action.get("signed_on")),
                    "ratified_on": _day(action.get("ratified_on")),
                    "acceded_on": _day(action.get("acceded_on")),
                    "in_force_on": _day(action.get("in_force_on")),
                    "withdrew_on": _day(action.get("withdrew_on")),
                },
            )
        created += 1
    return created


def load_plans(units: dict[str, Unit]) -> int:
    """The 2026 signing plan holds the instruments under negotiation; drafts stay outside it."""
    from .models import SigningPlan

    title = "Kế hoạch ký kết điều ước quốc tế, thỏa thuận quốc tế năm 2026 (dữ liệu mẫu)"
    if SigningPlan.objects.filter(title=title).exists():
        return 0
    negotiating = list(Instrument.objects.filter(status="negotiating"))
    services.plan_create(
        actor=SYSTEM,
        data={
            "title": title,
            "kind": "yearly",
            "year_from": 2026,
            "year_to": 2026,
            "owner_unit": units["CDN"],
            "instruments": negotiating,
        },
    )
    return 1


def load_stage_rules() -> int:
    """The statutory deadlines of each stage (shipped by a data migration; loaded again here
    after a flush), through the services."""
    from . import stagerules
    from .models import StageRule

    return stagerules.load(
        StageRule, lambda model, fields: services.stage_rule_create(actor=SYSTEM, data=fields)
    )


def load() -> dict[str, int]:
    from . import demo_tracking

    units = {u.code: u for u in Unit.objects.all()}
    counts = {
        "stage rules": load_stage_rules(),
        "directives": load_directives(units),
        "instruments": load_instruments(units),
        "plans": load_plans(units),
    }
    # Their duties at work in the tracking engine (the feeding app's demo, STYLE.md).
    tracked = demo_tracking.load()
    return {**counts, **{f"tracked {k}": v for k, v in tracked.items()}}


__all__ = ["InstrumentParty", "load"]
