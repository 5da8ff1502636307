"""Excel import of the sample record: the reference use of ``core.imports``."""

from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from core.imports import Column, ImportSpec, choice_parser, date_parser, fk_parser, register_import
from org.models import Unit

from . import services
from .models import SampleRecord


@register_import
class SampleRecordImport(ImportSpec):
    key = "sampleapp.samplerecord"
    model = SampleRecord
    title = _("Sample records")
    columns = (
        Column("title", _("title"), example="Biên bản trao đổi thông tin"),
        Column(
            "status",
            _("status"),
            required=False,
            parse=choice_parser(SampleRecord._meta.get_field("status").choices),
            default="draft",
        ),
        Column("owner_unit", _("owner unit"), parse=fk_parser(Unit, "code"), example="CA-QUANG-NINH"),
        Column(
            "classification",
            _("classification"),
            required=False,
            parse=choice_parser(Classification),
            default=Classification.THUONG,
            help=_("At most your clearance."),
        ),
        Column("subject_name", _("full name"), required=False, example="Nguyễn Văn A"),
        Column("birth_date", _("date of birth"), required=False, parse=date_parser),
    )
    natural_key = ("title", "owner_unit")
    create_service = staticmethod(services.sample_create)
    update_service = staticmethod(services.sample_update)
