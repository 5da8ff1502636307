from core.attachments import attachments_context
from core.forms import VersionedModelForm
from core.views import ObjectViewSet

from . import services
from .models import SampleRecord


class SampleRecordForm(VersionedModelForm):
    class Meta:
        model = SampleRecord
        fields = (
            "title",
            "status",
            "owner_unit",
            "classification",
            "protection_years",
            "subject_name",
            "birth_date",
        )


class SampleRecordViews(ObjectViewSet):
    model = SampleRecord
    form_class = SampleRecordForm
    list_columns = ("title", "status", "owner_unit", "classification", "subject_name")
    detail_fields = (
        "title",
        "status",
        "owner_unit",
        "classification",
        "protection_years",
        "subject_name",
        "birth_date",
    )
    ordering_fields = {"title": "title", "status": "status"}
    select_related = ("owner_unit",)
    url_prefix = "records/"
    # The detail page lists the record's files (core.attachments, docs/attachments.md).
    detail_template = "sampleapp/samplerecord_detail.html"
    create_service = staticmethod(services.sample_create)
    update_service = staticmethod(services.sample_update)
    delete_service = staticmethod(services.sample_delete)

    @classmethod
    def detail_extra(cls, request, obj):
        return attachments_context(request, obj)
