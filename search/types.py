"""The searchable types: what each record contributes to the index and where its list is.

Search is a high app (after capacity in INSTALLED_APPS), so it reads the lower apps' models
directly; no lower app knows about search. A new type is one ``SearchType`` here.
"""

from __future__ import annotations

import datetime
import functools
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


class Row(dict):
    """One record's values (``SearchType.fields``) plus, under each ``many`` name, a list of
    dicts of its related rows; ``display`` reads a choice label as ``get_FOO_display`` would."""

    model: type[models.Model]

    def display(self, name: str) -> str:
        value = self.get(name)
        return str(_choices(self.model, name).get(value, value or ""))


@functools.cache
def _choices(model: type[models.Model], name: str) -> dict[Any, Any]:
    return dict(model._meta.get_field(name).flatchoices)


@dataclass(frozen=True)
class SearchType:
    kind: str
    model_label: str
    label: str | Promise  # plural, for the group heading
    build: Callable[[Row], dict[str, Any]]
    # What ``build`` reads: values() paths of the record, and per related set the fields of
    # its rows (a many-to-many or reverse relation of the model).
    fields: tuple[str, ...] = ()
    many: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Records of other models whose change re-indexes this type: model label → path to ours.
    children: dict[str, str] = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def has_owner(self) -> bool:
        return any(f.name == "owner_unit" for f in self.model._meta.concrete_fields)

    def queryset(self) -> models.QuerySet:
        """Every record of the type (the index holds what visibility then filters)."""
        return self.model._base_manager.order_by("pk")

    def rows(self, queryset: models.QuerySet) -> list[Row]:
        """The rows ``build`` reads, for the records of ``queryset``: a few queries per batch,
        plain values, no model instances (the national rebuild indexes 600,000 records)."""
        owner = ("owner_unit_id", "owner_unit__path") if self.has_owner else ()
        rows: dict[int, Row] = {}
        for values in queryset.values("pk", *owner, *self.fields):
            row = Row(values)
            row.model = self.model
            for name in self.many:
                row[name] = []
            rows[values["pk"]] = row
        if rows and self.many:
            pks = list(rows)
            for name, names in self.many.items():
                paths = [f"{name}__{n}" for n in names]
                related = (
                    self.model._base_manager.filter(pk__in=pks, **{f"{name}__isnull": False})
                    .order_by("pk", *_related_order(self.model, name))
                    .values_list("pk", *paths)
                )
                for pk, *got in related:
                    rows[pk][name].append(dict(zip(names, got, strict=True)))
        return list(rows.values())


def _related_order(model: type[models.Model], name: str) -> list[str]:
    """The related model's own ordering, then its pk: the order a prefetch would give."""
    related = model._meta.get_field(name).related_model
    order = [str(o) for o in related._meta.ordering if isinstance(o, str)]
    prefixed = [f"-{name}__{o[1:]}" if o.startswith("-") else f"{name}__{o}" for o in order]
    return [*prefixed, f"{name}__pk"]


def _names(rows: Iterable[dict[str, Any]]) -> str:
    return " ".join(f"{r['name_vi']} {r.get('name_en') or ''}" for r in rows)


_NAMES = ("name_vi", "name_en")


def _agency(o: Row) -> dict[str, Any]:
    country = o["country__name_vi"]
    return {
        "title": o["name_vi"],
        "title_en": o["name_en"],
        "subtitle": _join(o["acronym"], country or ""),
        "title_text": tokens(o["name_vi"], o["name_en"], o["name_original"], o["acronym"]),
        "body_text": tokens(country, o["country__name_en"], o["country__code"], o["notes"])
        if country
        else tokens(o["notes"]),
    }


def _body(o: Row) -> dict[str, Any]:
    acronym = o["acronym"]
    return {
        "title": f"{o['name_vi']} ({acronym})" if acronym else o["name_vi"],
        "title_en": f"{o['name_en']} ({acronym})" if acronym else o["name_en"],
        "subtitle": o.display("kind"),
        "title_text": tokens(o["name_vi"], o["name_en"], acronym),
        "body_text": tokens(o["notes"]),
    }


def _country(o: Row) -> dict[str, Any]:
    return {
        "title": o["name_vi"],
        "title_en": o["name_en"],
        "subtitle": _join(o["code"], o["alpha3"]),
        "title_text": tokens(o["name_vi"], o["name_en"], o["code"], o["alpha3"]),
        "body_text": "",
    }


def _instrument(o: Row) -> dict[str, Any]:
    symbol = o["symbol"]
    return {
        "title": o["title"],
        "title_en": o["title_en"],
        "subtitle": _join(symbol, _date(o["signed_on"]), o["place"]),
        "title_text": tokens(symbol, compact_symbol(symbol) if symbol else "", o["title"], o["title_en"]),
        "body_text": tokens(
            o["place"],
            o["signatories"],
            o["national_db_ref"],
            o["notes"],
            _names(o["countries"]),
            _names(o["agencies"]),
        ),
        "symbol_key": compact_symbol(symbol) if symbol else "",
    }


def _directive(o: Row) -> dict[str, Any]:
    symbol = o["symbol"]
    return {
        "title": f"{symbol} · {o['title']}",
        "title_en": f"{symbol} · {o['title_en']}" if o["title_en"] else "",
        "subtitle": _join(o["issuer"], _date(o["issued_on"])),
        "title_text": tokens(symbol, compact_symbol(symbol), o["title"], o["title_en"]),
        "body_text": tokens(o["issuer"], o["signer"], o["summary"]),
        "symbol_key": compact_symbol(symbol),
    }


def _directive_item(o: Row) -> dict[str, Any]:
    text = o["text"] if len(o["text"]) <= 200 else o["text"][:199] + "…"
    return {
        "title": _join(o["number"], text, sep=" "),
        "subtitle": _join(o["directive__symbol"], o.display("kind")),
        "title_text": tokens(o["number"], o["text"]),
        "body_text": tokens(o["directive__symbol"], o["directive__title"]),
    }


def _obligation(o: Row) -> dict[str, Any]:
    return {
        "title": o["title"],
        "subtitle": _join(o["group_label"] or o["source_label"]),
        "title_text": tokens(o["title"]),
        "body_text": tokens(o["description"], o["expected_result"], o["source_label"], o["group_label"]),
    }


def _case(o: Row) -> dict[str, Any]:
    return {
        "title": o["title"],
        "subtitle": _join(o.display("type"), _date(o["opened_on"])),
        "title_text": tokens(o["title"], *(r["number"] for r in o["references"])),
        "body_text": tokens(o["summary"], _names(o["countries"]), _names(o["agencies"])),
        # Subjects are people: their names and papers are matched only for readers with the right.
        "personal_text": tokens(*(f"{s['full_name']} {s['document_number']}" for s in o["subjects"])),
    }


def _operation(o: Row) -> dict[str, Any]:
    return {
        "title": o["name"],
        "subtitle": _join(o["code_name"], _date(o["started_on"])),
        "title_text": tokens(o["name"], o["code_name"]),
        "body_text": tokens(o["summary"], _names(o["countries"]), _names(o["agencies"])),
    }


def _event(o: Row) -> dict[str, Any]:
    return {
        "title": o["title"],
        "subtitle": _join(o.display("type"), _date(o["starts_on"]), o["city"]),
        "title_text": tokens(o["title"]),
        "body_text": tokens(o["city"], o["summary"], o["country__name_vi"] or "", _names(o["agencies"])),
        "personal_text": tokens(*(p["name"] for p in o["participants"])),
    }


def _staff(o: Row) -> dict[str, Any]:
    unit = o["owner_unit__name_vi"] or ""
    return {
        "title": _join(o["staff_code"], o["position"]),  # no name: see StaffProfile.__str__
        "subtitle": _join(o["rank"], unit),
        "title_text": tokens(o["staff_code"], o["position"]),
        "body_text": tokens(o["rank"], unit),
        "personal_title": o["full_name"],
        "personal_text": tokens(o["full_name"]),
    }


# An article's text is long: its first part is enough to find it (the headline and lead).
ARTICLE_TEXT_CHARS = 20000


def _article(o: Row) -> dict[str, Any]:
    return {
        "title": o["title"],
        "subtitle": _join(o["source_name"], _date(o["published_on"])),
        "title_text": tokens(o["title"], o["source_name"]),
        "body_text": tokens((o["text"] or "")[:ARTICLE_TEXT_CHARS]),
    }


TYPES: tuple[SearchType, ...] = (
    SearchType(
        "agency",
        "partners.ForeignAgency",
        _("Foreign agencies"),
        _agency,
        (
            *_NAMES,
            "name_original",
            "acronym",
            "notes",
            "country__name_vi",
            "country__name_en",
            "country__code",
        ),
    ),
    SearchType(
        "body",
        "partners.MultilateralBody",
        _("Multilateral bodies"),
        _body,
        (*_NAMES, "acronym", "kind", "notes"),
    ),
    SearchType(
        "country", "partners.Country", _("Countries and territories"), _country, (*_NAMES, "code", "alpha3")
    ),
    SearchType(
        "instrument",
        "instruments.Instrument",
        _("Cooperation instruments"),
        _instrument,
        ("symbol", "title", "title_en", "signed_on", "place", "signatories", "national_db_ref", "notes"),
        {"countries": _NAMES, "agencies": _NAMES},
    ),
    SearchType(
        "directive",
        "instruments.Directive",
        _("Directives"),
        _directive,
        ("symbol", "title", "title_en", "issuer", "issued_on", "signer", "summary"),
    ),
    SearchType(
        "directiveitem",
        "instruments.DirectiveItem",
        _("Directive items"),
        _directive_item,
        ("number", "text", "kind", "directive__symbol", "directive__title"),
    ),
    SearchType(
        "obligation",
        "tracking.Obligation",
        _("Obligations"),
        _obligation,
        ("title", "group_label", "source_label", "description", "expected_result"),
    ),
    SearchType(
        "case",
        "cases.CooperationCase",
        _("Cooperation cases"),
        _case,
        ("title", "type", "opened_on", "summary"),
        {
            "subjects": ("full_name", "document_number"),
            "references": ("number",),
            "countries": _NAMES,
            "agencies": _NAMES,
        },
        children={"cases.CaseSubject": "case", "cases.CaseReference": "case"},
    ),
    SearchType(
        "operation",
        "cases.Operation",
        _("Operations"),
        _operation,
        ("name", "code_name", "started_on", "summary"),
        {"countries": _NAMES, "agencies": _NAMES},
    ),
    SearchType(
        "event",
        "events.Event",
        _("Events"),
        _event,
        ("title", "type", "starts_on", "city", "summary", "country__name_vi"),
        {"agencies": _NAMES, "participants": ("name",)},
        children={"events.Participant": "event"},
    ),
    SearchType(
        "article",
        "articles.Article",
        _("Articles"),
        _article,
        ("title", "source_name", "published_on", "text"),
    ),
    SearchType(
        "staff",
        "capacity.StaffProfile",
        _("Staff profiles"),
        _staff,
        ("staff_code", "position", "rank", "full_name", "owner_unit__name_vi"),
    ),
)

BY_KIND: dict[str, SearchType] = {t.kind: t for t in TYPES}


def type_for_model(model: type[models.Model]) -> SearchType | None:
    label = model._meta.label
    for t in TYPES:
        if t.model_label == label:
            return t
    return None
