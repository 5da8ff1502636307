"""Excel imports of staff profiles and their languages, qualifications and postings abroad.

Natural keys make a re-import a no-op: a profile by its staff number, a language by profile
and language, a qualification by profile, kind and title, a posting by profile, kind and
start date. Each file is written whole or not
at all (``core.imports``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from core.imports import (
    Column,
    ImportSpec,
    bool_parser,
    choice_parser,
    date_parser,
    fk_parser,
    register_import,
)
from org.models import Unit
from partners.models import Country

from . import services
from .choices import Cefr, Language, PostingKind, QualificationKind
from .models import LanguageSkill, Posting, Qualification, StaffProfile


@register_import
class StaffProfileImport(ImportSpec):
    key = "capacity.staffprofile"
    model = StaffProfile
    title = _("Staff profiles")
    columns = (
        Column("staff_code", _("staff number"), example="CB-000123"),
        Column("full_name", _("full name"), example="Nguyễn Văn An"),
        Column("birth_date", _("date of birth"), required=False, parse=date_parser),
        Column("rank", _("rank"), required=False, example="Thượng tá"),
        Column("position", _("position"), required=False, example="Phó Trưởng phòng"),
        Column("is_leader", _("leader or commander post"), required=False, parse=bool_parser, default=False),
        Column("post_from", _("in post from"), required=False, parse=date_parser),
        Column("post_to", _("in post until"), required=False, parse=date_parser),
        Column("owner_unit", _("unit"), parse=fk_parser(Unit, "code"), example="CA-QUANG-NINH"),
        Column(
            "classification",
            _("classification"),
            required=False,
            parse=choice_parser(Classification),
            default="thuong",
        ),
    )
    natural_key = ("staff_code",)
    create_service = staticmethod(services.profile_create)
    update_service = staticmethod(services.profile_update)


class _ChildImport(ImportSpec):
    # A child follows its profile: a row outside the actor's reach points at the staff number.
    scope_column = "profile"


@register_import
class LanguageSkillImport(_ChildImport):
    key = "capacity.languageskill"
    model = LanguageSkill
    title = _("Language skills")
    columns = (
        Column(
            "profile", _("staff number"), parse=fk_parser(StaffProfile, "staff_code"), example="CB-000123"
        ),
        Column("language", _("language"), parse=choice_parser(Language), example="en"),
        Column("level", _("CEFR level"), parse=choice_parser(Cefr), example="B2"),
        Column("certificate", _("certificate"), required=False, example="IELTS 6.5"),
        Column("certificate_on", _("certificate date"), required=False, parse=date_parser),
        Column("expires_on", _("certificate expires on"), required=False, parse=date_parser),
    )
    natural_key = ("profile", "language")
    create_service = staticmethod(services.language_create)
    update_service = staticmethod(services.language_update)


@register_import
class QualificationImport(_ChildImport):
    key = "capacity.qualification"
    model = Qualification
    title = _("Qualifications")
    columns = (
        Column(
            "profile", _("staff number"), parse=fk_parser(StaffProfile, "staff_code"), example="CB-000123"
        ),
        Column("kind", _("kind"), parse=choice_parser(QualificationKind), example="cyber"),
        Column("title", _("title"), example="Bồi dưỡng an ninh mạng"),
        Column("obtained_on", _("date obtained"), parse=date_parser),
        Column("expires_on", _("expires on"), required=False, parse=date_parser),
    )
    natural_key = ("profile", "kind", "title")
    create_service = staticmethod(services.qualification_create)
    update_service = staticmethod(services.qualification_update)


@register_import
class PostingImport(_ChildImport):
    key = "capacity.posting"
    model = Posting
    title = _("Postings abroad")
    columns = (
        Column(
            "profile", _("staff number"), parse=fk_parser(StaffProfile, "staff_code"), example="CB-000123"
        ),
        Column("kind", _("kind"), parse=choice_parser(PostingKind), example="peacekeeping"),
        Column(
            "country",
            _("country or territory"),
            required=False,
            parse=fk_parser(Country, "code"),
            example="SS",
        ),
        Column("place", _("mission or place"), required=False, example="UNMISS"),
        Column("start_on", _("from"), parse=date_parser),
        Column("end_on", _("to"), required=False, parse=date_parser),
    )
    natural_key = ("profile", "kind", "start_on")
    create_service = staticmethod(services.posting_create)
    update_service = staticmethod(services.posting_update)
