from core.api.serializers import BusinessSerializer
from core.api.views import BusinessAPIViewSet

from . import services
from .models import SampleRecord


class SampleRecordSerializer(BusinessSerializer):
    class Meta:
        model = SampleRecord
        fields = (*BusinessSerializer.base_fields, "title", "status", "subject_name", "birth_date")


class SampleRecordViewSet(BusinessAPIViewSet):
    model = SampleRecord
    queryset = SampleRecord.objects.none()
    serializer_class = SampleRecordSerializer
    select_related = ("owner_unit",)
    create_service = staticmethod(services.sample_create)
    update_service = staticmethod(services.sample_update)
    delete_service = staticmethod(services.sample_delete)


def register(router) -> None:
    router.register("sample-records", SampleRecordViewSet, basename="samplerecord")
