"""Demo cases, operations, response rules and competent authorities, through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from core.context import SYSTEM
from org.models import Unit
from partners.models import Country, ForeignAgency

from . import demo_data, rulesets, services
from .choices import CENTRAL_AUTHORITY_KINDS, DEFAULT_RESPONSE_DAYS
from .models import CompetentAuthority, CooperationCase, LetterTemplate, Operation, ResponseRule, RuleSet


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_rules() -> int:
    existing = set(ResponseRule.objects.filter(rule_set__isnull=True).values_list("case_type", flat=True))
    created = 0
    for case_type, days in DEFAULT_RESPONSE_DAYS.items():
        if case_type not in existing:
            services.response_rule_create(
                actor=SYSTEM,
                data={
                    "case_type": case_type,
                    "days": days,
                    "source": "Mặc định nội bộ của hoptac, không phải thời hạn do luật quy định",
                    "note": "Mặc định (dữ liệu mẫu)",
                },
            )
            created += 1
    return created


def load_rule_sets() -> int:
    """The rule sets by date and Viet Nam's central authorities (shipped by a data migration;
    loaded again here after a flush), through the services."""

    def create(model: type, fields: dict[str, Any]) -> Any:
        if model is CompetentAuthority:
            return services.authority_create(actor=SYSTEM, data=fields)
        return services.rule_set_create(actor=SYSTEM, data=fields)

    return rulesets.load(Country, CompetentAuthority, RuleSet, create)


def _central_authority(case_type: str, day: datetime.date) -> CompetentAuthority | None:
    """The central authority the rule set of the type and date names (demo cases go through it)."""
    rules = RuleSet.in_force(case_type, day)
    if rules is not None and rules.central_authority is not None:
        return rules.central_authority
    return CompetentAuthority.objects.filter(
        country__code="VN", request_kind=CENTRAL_AUTHORITY_KINDS[case_type], role="central"
    ).first()


def load_authorities(countries: dict[str, Country]) -> int:
    existing = set(CompetentAuthority.objects.values_list("country__code", "request_kind", "name"))
    created = 0
    for code, kind, role, name, name_en, languages, channels, urgent in demo_data.AUTHORITIES:
        if code not in countries or (code, kind, name) in existing:
            continue
        services.authority_create(
            actor=SYSTEM,
            data={
                "country": countries[code],
                "request_kind": kind,
                "role": role,
                "name": name,
                "name_en": name_en,
                "languages": languages,
                "channels": channels,
                "urgent_procedure": urgent,
                "notes": "Dữ liệu mẫu: tên cơ quan công khai; đầu mối và thủ tục cần xác minh trước khi dùng.",
            },
        )
        created += 1
    return created


def _agencies(pairs: list[tuple[str, str]]) -> list[ForeignAgency]:
    out = []
    for code, acronym in pairs:
        agency = ForeignAgency.objects.filter(country__code=code, acronym=acronym).first()
        if agency is not None:
            out.append(agency)
    return out


def load_cases(units: dict[str, Unit], countries: dict[str, Country]) -> int:
    today = timezone.localdate()
    existing = set(CooperationCase.objects.values_list("title", flat=True))
    created = 0
    for row in demo_data.CASES:
        if row["title"] in existing:
            continue
        opened = _day(row.get("on")) or today - datetime.timedelta(days=row["days"])
        path = list(row.get("status_path", []))
        historic = "on" in row
        data: dict[str, Any] = {
            "title": row["title"],
            "type": row["type"],
            "direction": row["direction"],
            "notice_colour": row.get("notice_colour", ""),
            "channel": row["channel"],
            "crime_area": row["crime_area"],
            "opened_on": opened,
            "summary": row.get("summary", "Hồ sơ hư cấu (dữ liệu mẫu)."),
            "owner_unit": units[row["unit"]],
            "classification": row.get("classification", "thuong"),
            "countries": [countries[c] for c in row.get("countries", []) if c in countries],
            "agencies": _agencies(row.get("agencies", [])),
            "support_units": [units[u] for u in row.get("support", [])],
        }
        if row["type"] in CENTRAL_AUTHORITY_KINDS:
            data["central_authority"] = _central_authority(row["type"], opened)
        if row.get("arrest_days"):
            data["provisional_arrest_on"] = today - datetime.timedelta(days=row["arrest_days"])
        if historic and path:
            # A case of 2022 is recorded as it ended: its deadline is not tracked any more.
            data["status"] = path[-1]
            data["closed_on"] = opened + datetime.timedelta(days=14)
            path = []
        elif path and path[0] == "sent":
            data["status"] = path.pop(0)
        case = services.case_create(actor=SYSTEM, data=data)
        for kind, number in row.get("refs", []):
            services.reference_create(actor=SYSTEM, data={"case": case, "kind": kind, "number": number})
        subjects = []
        for role, name, born, nationality, document in row.get("subjects", []):
            subject = services.subject_create(
                actor=SYSTEM,
                data={
                    "case": case,
                    "role": role,
                    "full_name": name,
                    "birth_date": _day(born),
                    "nationality": nationality,
                    "document_number": document,
                },
            )
            subjects.append(subject)
            for category, value, sensitivity in row.get("items", []):
                services.item_create(
                    actor=SYSTEM,
                    data={
                        "subject": subject,
                        "category": category,
                        "value": value,
                        "sensitivity": sensitivity,
                    },
                )
        decisions = [
            services.decision_create(
                actor=SYSTEM, data={"case": case, **d, "decided_on": _day(d["decided_on"])}
            )
            for d in row.get("decisions", [])
        ]
        for on, direction, channel, summary, *more in row.get("messages", []):
            extra = more[0] if more else {}
            grading = extra.get("grading", "")
            day = today + datetime.timedelta(days=on) if isinstance(on, int) else _day(on)
            services.message_create(
                actor=SYSTEM,
                data={
                    "case": case,
                    "date": day,
                    "direction": direction,
                    "channel": channel,
                    "summary": summary,
                    "handling_code": extra.get("handling_code", "h0"),
                    "source_reliability": grading[:1],
                    "information_accuracy": grading[1:],
                    "release_decision": decisions[extra["decision"]] if "decision" in extra else None,
                    "subjects": subjects if extra.get("subjects") else [],
                },
            )
        for status in path:
            case = services.case_transition(actor=SYSTEM, obj=case, status=status, version=case.version)
        if row.get("paused"):
            services.case_update(
                actor=SYSTEM, obj=case, data={"paused_reason": row["paused"]}, version=case.version
            )
        created += 1
    return created


def _demo_instrument(key: str | None) -> Any:
    """The demo instrument of ``instruments.demo_data`` with this key (None when not loaded)."""
    if not key:
        return None
    from instruments import demo_data as instrument_data
    from instruments.models import Instrument

    title = next((row["title"] for row in instrument_data.INSTRUMENTS if row["key"] == key), None)
    return Instrument.objects.filter(title=title).first() if title else None


def load_operations(units: dict[str, Unit], countries: dict[str, Country]) -> int:
    existing = set(Operation.objects.values_list("name", flat=True))
    created = 0
    for row in demo_data.OPERATIONS:
        if row["name"] in existing:
            continue
        operation = services.operation_create(
            actor=SYSTEM,
            data={
                "name": row["name"],
                "crime_area": row["crime_area"],
                "started_on": _day(row["started_on"]),
                "ended_on": _day(row.get("ended_on")),
                "summary": row["summary"],
                "owner_unit": units[row["unit"]],
                "classification": row.get("classification", "thuong"),
                "countries": [countries[c] for c in row.get("countries", []) if c in countries],
                "agencies": _agencies(row.get("agencies", [])),
                "cases": list(CooperationCase.objects.filter(title__in=row.get("cases", []))),
            },
        )
        instrument = _demo_instrument(row.get("instrument"))
        for outcome in row["outcomes"]:
            data = {**outcome, "operation": operation, "occurred_on": _day(row.get("ended_on"))}
            if instrument is not None:
                data["instrument"] = instrument
            if "quantity" in data:
                data["quantity"] = Decimal(data["quantity"])
            services.outcome_create(actor=SYSTEM, data=data)
        created += 1
    return created


def load_letter_templates() -> int:
    existing = set(LetterTemplate.objects.values_list("name", flat=True))
    created = 0
    for name, language, case_type, heading, body in demo_data.LETTER_TEMPLATES:
        if name not in existing:
            services.letter_template_create(
                actor=SYSTEM,
                data={
                    "name": name,
                    "language": language,
                    "case_type": case_type,
                    "heading": heading,
                    "body": body,
                },
            )
            created += 1
    return created


def load() -> dict[str, int]:
    units = {u.code: u for u in Unit.objects.all()}
    if "CDN" not in units:
        return {}
    countries = {c.code: c for c in Country.objects.all()}
    return {
        "rule_sets": load_rule_sets(),
        "response_rules": load_rules(),
        "letter_templates": load_letter_templates(),
        "authorities": load_authorities(countries),
        "cases": load_cases(units, countries),
        "operations": load_operations(units, countries),
    }


def describe() -> list[str]:
    return [
        "Cases: Chuyên án 568P (Cambodia, April 2022) and the three INTERPOL red-notice arrests (seed 002),"
        " a dozen fictional cases with running and overdue response deadlines (tracking board), and the"
        " competent authorities of Viet Nam and 11 partner countries; all case subjects are fictional."
    ]
