"""The searchable types: what each record contributes to the index and where its list is.

Search is a high app (after capacity in INSTALLED_APPS), so it reads the lower apps' models
directly; no lower app knows about search. A new type is one ``SearchType`` here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.text import fold

_WORDS = re.compile(r"[^\W_]+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def tokens(*values: object) -> str:
    """Folded words joined by single spaces: what both full-text engines index and match.

    Punctuation goes, so "50-CTr/ĐUCA" is the words "50 ctr duca" in PostgreSQL's parser and
    FTS5's tokenizer alike (neither then reads a path or a hyphenated word).
    """
    return " ".join(_WORDS.findall(" ".join(fold(v) for v in values if v not in (None, ""))))


def compact_symbol(value: object) -> str:
    """Any spelling of a document symbol to one key: letters and digits only, no leading zeros.

    "50-CTr/ĐUCA", "50 ctr duca", "50/ctr-duca" → "50ctrduca"; "05-CT/TW" and "5-ct/tw" → "5cttw".
    """
    return _LEADING_ZEROS.sub("", "".join(_WORDS.findall(fold(value))))[:64]


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _join(*parts: object, sep: str = " · ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, ""))


@dataclass(frozen=True)
class SearchType:
    kind: str
    model_label: str
    label: str | Promise  # plural, for the group heading
    build: Callable[[Any], dict[str, Any]]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # Records of other models whose change re-indexes this type: model label → path to ours.
    children: dict[str, str] = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def index_queryset(self) -> models.QuerySet:
        """Every record of the type, with what ``build`` reads, for the rebuild."""
        qs = self.model._base_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by("pk")


def _names(objs: Iterable[Any]) -> str:
    return " ".join(f"{o.name_vi} {getattr(o, 'name_en', '')}" for o in objs)


def _agency(o) -> dict[str, Any]:
    country = o.country
    return {
        "title": o.name_vi,
        "title_en": o.name_en,
        "subtitle": _join(o.acronym, country.name_vi if country else ""),
        "title_text": tokens(o.name_vi, o.name_en, o.name_original, o.acronym),
        "body_text": tokens(country.name_vi, country.name_en, country.code, o.notes)
        if country
        else tokens(o.notes),
    }


def _body(o) -> dict[str, Any]:
    return {
        "title": f"{o.name_vi} ({o.acronym})" if o.acronym else o.name_vi,
        "title_en": f"{o.name_en} ({o.acronym})" if o.acronym else o.name_en,
        "subtitle": o.get_kind_display(),
        "title_text": tokens(o.name_vi, o.name_en, o.acronym),
        "body_text": tokens(o.notes),
    }


def _country(o) -> dict[str, Any]:
    return {
        "title": o.name_vi,
        "title_en": o.name_en,
        "subtitle": _join(o.code, o.alpha3),
        "title_text": tokens(o.name_vi, o.name_en, o.code, o.alpha3),
        "body_text": "",
    }


def _instrument(o) -> dict[str, Any]:
    return {
        "title": o.title,
        "title_en": o.title_en,
        "subtitle": _join(o.symbol, _date(o.signed_on), o.place),
        "title_text": tokens(o.symbol, compact_symbol(o.symbol) if o.symbol else "", o.title, o.title_en),
        "body_text": tokens(
            o.place,
            o.signatories,
            o.national_db_ref,
            o.notes,
            _names(o.countries.all()),
            _names(o.agencies.all()),
        ),
        "symbol_key": compact_symbol(o.symbol) if o.symbol else "",
    }


def _directive(o) -> dict[str, Any]:
    return {
        "title": f"{o.symbol} · {o.title}",
        "title_en": f"{o.symbol} · {o.title_en}" if o.title_en else "",
        "subtitle": _join(o.issuer, _date(o.issued_on)),
        "title_text": tokens(o.symbol, compact_symbol(o.symbol), o.title, o.title_en),
        "body_text": tokens(o.issuer, o.signer, o.summary),
        "symbol_key": compact_symbol(o.symbol),
    }


def _directive_item(o) -> dict[str, Any]:
    text = o.text if len(o.text) <= 200 else o.text[:199] + "…"
    return {
        "title": _join(o.number, text, sep=" "),
        "subtitle": _join(o.directive.symbol, o.get_kind_display()),
        "title_text": tokens(o.number, o.text),
        "body_text": tokens(o.directive.symbol, o.directive.title),
    }


def _obligation(o) -> dict[str, Any]:
    return {
        "title": o.title,
        "subtitle": _join(o.group_label or o.source_label),
        "title_text": tokens(o.title),
        "body_text": tokens(o.description, o.expected_result, o.source_label, o.group_label),
    }


def _case(o) -> dict[str, Any]:
    subjects = list(o.subjects.all())
    return {
        "title": o.title,
        "subtitle": _join(o.get_type_display(), _date(o.opened_on)),
        "title_text": tokens(o.title, *(r.number for r in o.references.all())),
        "body_text": tokens(o.summary, _names(o.countries.all()), _names(o.agencies.all())),
        # Subjects are people: their names and papers are matched only for readers with the right.
        "personal_text": tokens(*(f"{s.full_name} {s.document_number}" for s in subjects)),
    }


def _operation(o) -> dict[str, Any]:
    return {
        "title": o.name,
        "subtitle": _join(o.code_name, _date(o.started_on)),
        "title_text": tokens(o.name, o.code_name),
        "body_text": tokens(o.summary, _names(o.countries.all()), _names(o.agencies.all())),
    }


def _event(o) -> dict[str, Any]:
    return {
        "title": o.title,
        "subtitle": _join(o.get_type_display(), _date(o.starts_on), o.city),
        "title_text": tokens(o.title),
        "body_text": tokens(
            o.city, o.summary, o.country.name_vi if o.country else "", _names(o.agencies.all())
        ),
        "personal_text": tokens(*(p.name for p in o.participants.all())),
    }


def _staff(o) -> dict[str, Any]:
    return {
        "title": str(o),  # staff number · position: no name
        "subtitle": _join(o.rank, o.owner_unit.name if o.owner_unit_id else ""),
        "title_text": tokens(o.staff_code, o.position),
        "body_text": tokens(o.rank, o.owner_unit.name if o.owner_unit_id else ""),
        "personal_title": o.full_name,
        "personal_text": tokens(o.full_name),
    }


TYPES: tuple[SearchType, ...] = (
    SearchType("agency", "partners.ForeignAgency", _("Foreign agencies"), _agency, ("country", "owner_unit")),
    SearchType("body", "partners.MultilateralBody", _("Multilateral bodies"), _body),
    SearchType("country", "partners.Country", _("Countries and territories"), _country),
    SearchType(
        "instrument",
        "instruments.Instrument",
        _("Cooperation instruments"),
        _instrument,
        ("owner_unit",),
        ("countries", "agencies"),
    ),
    SearchType("directive", "instruments.Directive", _("Directives"), _directive, ("owner_unit",)),
    SearchType(
        "directiveitem",
        "instruments.DirectiveItem",
        _("Directive items"),
        _directive_item,
        ("directive", "owner_unit"),
    ),
    SearchType("obligation", "tracking.Obligation", _("Obligations"), _obligation, ("owner_unit",)),
    SearchType(
        "case",
        "cases.CooperationCase",
        _("Cooperation cases"),
        _case,
        ("owner_unit",),
        ("subjects", "references", "countries", "agencies"),
        children={"cases.CaseSubject": "case", "cases.CaseReference": "case"},
    ),
    SearchType(
        "operation",
        "cases.Operation",
        _("Operations"),
        _operation,
        ("owner_unit",),
        ("countries", "agencies"),
    ),
    SearchType(
        "event",
        "events.Event",
        _("Events"),
        _event,
        ("owner_unit", "country"),
        ("agencies", "participants"),
        children={"events.Participant": "event"},
    ),
    SearchType("staff", "capacity.StaffProfile", _("Staff profiles"), _staff, ("owner_unit",)),
)

BY_KIND: dict[str, SearchType] = {t.kind: t for t in TYPES}


def type_for_model(model: type[models.Model]) -> SearchType | None:
    label = model._meta.label
    for t in TYPES:
        if t.model_label == label:
            return t
    return None
