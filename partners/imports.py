"""Excel imports of agencies, relationships and memberships (natural keys: re-import is a no-op)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.choices import Classification
from core.imports import (
    Column,
    ImportSpec,
    ParseError,
    Parser,
    bool_parser,
    choice_parser,
    date_parser,
    fk_parser,
    register_import,
)
from core.text import fold
from org.models import Unit

from . import services
from .choices import AgencyKind, Channel, MembershipStatus, RelationshipLevel
from .models import Country, ForeignAgency, Membership, MultilateralBody, Relationship
from .selectors import similar_agencies


class ChannelsParser(Parser):
    """Channels as codes or labels (vi or en), separated by commas or semicolons."""

    empty: Any = []

    def parse(self, raw: Any, *, actor: Any, state: Any) -> list[str]:
        lookup = {}
        for language in ("vi", "en"):
            with translation.override(language):
                for value, label in Channel.choices:
                    lookup[fold(value)] = value
                    lookup[fold(str(label))] = value
        out = []
        for part in str(raw).replace(";", ",").split(","):
            key = fold(part)
            if not key:
                continue
            if key not in lookup:
                raise ParseError(_("Unknown channel: {}.").format(part.strip()))
            out.append(lookup[key])
        return out

    def display(self, value: Any) -> str:
        labels = dict(Channel.choices)
        return ", ".join(str(labels.get(v, v)) for v in value or [])

    def describe(self) -> str:
        return _("Codes or names, separated by commas.")

    def allowed(self) -> list[str]:
        return [v for v, _label in Channel.choices]

    def example(self) -> Any:
        return "liaison_officer, hotline"


CLASSIFICATION = Column(
    "classification",
    gettext_lazy("classification"),
    required=False,
    parse=choice_parser(Classification),
    default="thuong",
)
OWNER_UNIT = Column("owner_unit", gettext_lazy("unit"), parse=fk_parser(Unit, "code"), example="CDN")


@register_import
class AgencyImport(ImportSpec):
    key = "partners.foreignagency"
    model = ForeignAgency
    title = gettext_lazy("Foreign agencies")
    columns = (
        Column(
            "country", gettext_lazy("country or territory"), parse=fk_parser(Country, "code"), example="KH"
        ),
        Column("name_vi", gettext_lazy("name (Vietnamese)"), example="Cảnh sát Quốc gia Campuchia"),
        Column(
            "name_en",
            gettext_lazy("name (English)"),
            required=False,
            example="General Commissariat of National Police",
        ),
        Column("name_original", gettext_lazy("name (original language)"), required=False),
        Column("acronym", gettext_lazy("acronym"), required=False),
        Column("kind", gettext_lazy("kind"), parse=choice_parser(AgencyKind), example="police"),
        Column("website", gettext_lazy("website"), required=False),
        Column("contacts", gettext_lazy("contacts"), required=False),
        Column("notes", gettext_lazy("notes"), required=False),
        OWNER_UNIT,
        CLASSIFICATION,
        Column(
            "confirm_duplicate",
            gettext_lazy("Save even if a similar agency exists"),
            required=False,
            parse=bool_parser,
            default=False,
        ),
    )
    natural_key = ("country", "name_vi")

    def to_data(self, values: dict[str, Any]) -> dict[str, Any]:
        data = dict(values)
        data.pop("confirm_duplicate", None)
        return data

    def validate_row(self, actor: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
        """A new name close to an existing one in the same country needs the confirmation column."""
        if values.get("confirm_duplicate"):
            return []
        exact = self.queryset(actor).filter(country=values["country"], name_vi=values["name_vi"]).exists()
        if exact:
            return []
        similar = similar_agencies(
            user=actor, country=values["country"], names=[values["name_vi"], values.get("name_en") or ""]
        )
        if similar:
            return [
                (
                    "name_vi",
                    _("A similar agency of this country is already registered: {}.").format(similar[0]),
                )
            ]
        return []

    def create(self, actor: Any, data: dict[str, Any]) -> ForeignAgency:
        return services.agency_create(actor=actor, data=data, confirm_duplicate=True)

    def update(self, actor: Any, obj: ForeignAgency, data: dict[str, Any]) -> ForeignAgency:
        return services.agency_update(
            actor=actor, obj=obj, data=data, version=obj.version, confirm_duplicate=True
        )


class SpellImport(ImportSpec):
    """Common to relationships and memberships: a pair, a period, a unit."""

    def validate_row(self, actor: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
        if values.get("end") and values.get("start") and values["end"] < values["start"]:
            return [("end", _("The end date is before the start date."))]
        return []


@register_import
class RelationshipImport(SpellImport):
    key = "partners.relationship"
    model = Relationship
    title = gettext_lazy("Relationships")
    columns = (
        Column(
            "country", gettext_lazy("country or territory"), parse=fk_parser(Country, "code"), example="KH"
        ),
        Column("agency", gettext_lazy("foreign agency"), example="Cảnh sát Quốc gia Campuchia"),
        OWNER_UNIT,
        Column("start", gettext_lazy("from"), parse=date_parser),
        Column("end", gettext_lazy("to"), required=False, parse=date_parser),
        Column("level", gettext_lazy("level"), parse=choice_parser(RelationshipLevel), example="ministry"),
        Column("channels", gettext_lazy("channels"), required=False, parse=ChannelsParser()),
        Column("notes", gettext_lazy("notes"), required=False),
        CLASSIFICATION,
    )
    natural_key = ("agency", "owner_unit", "start")
    create_service = staticmethod(services.relationship_create)
    update_service = staticmethod(services.relationship_update)

    def validate_row(self, actor: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
        """The agency is named in Vietnamese within its country; it must be one the user sees."""
        name = values.get("agency")
        if isinstance(name, str):
            agency = (
                ForeignAgency.objects.visible_to(actor)
                .filter(country=values["country"], name_vi=name.strip())
                .first()
            )
            if agency is None:
                return [("agency", _("No agency of this name is registered for this country."))]
            values["agency"] = agency
        return super().validate_row(actor, values)

    def to_data(self, values: dict[str, Any]) -> dict[str, Any]:
        data = dict(values)
        data.pop("country", None)
        return data


@register_import
class MembershipImport(SpellImport):
    key = "partners.membership"
    model = Membership
    title = gettext_lazy("Memberships")
    columns = (
        Column(
            "body",
            gettext_lazy("multilateral body"),
            parse=fk_parser(MultilateralBody, "name_en"),
            example="International Criminal Police Organization",
        ),
        OWNER_UNIT,
        Column("start", gettext_lazy("from"), parse=date_parser),
        Column("end", gettext_lazy("to"), required=False, parse=date_parser),
        Column("status", gettext_lazy("status"), parse=choice_parser(MembershipStatus), example="member"),
        Column("notes", gettext_lazy("notes"), required=False),
        CLASSIFICATION,
    )
    natural_key = ("body", "owner_unit", "start")
    create_service = staticmethod(services.membership_create)
    update_service = staticmethod(services.membership_update)
