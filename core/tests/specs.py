"""Spec of the test app's sample record, which exercises the generic machinery."""

from core.testing import ModelSpec, register_spec
from core.tests.sampleapp import services
from core.tests.sampleapp.models import SampleRecord


def make(actor, unit, classification="thuong", **extra):
    data = {
        "title": f"Hồ sơ Cảnh sát {unit.code}",
        "owner_unit": unit,
        "classification": classification,
        "subject_name": "Nguyễn Văn Mẫu",
        **extra,
    }
    return services.sample_create(actor=actor, data=data)


register_spec(
    ModelSpec(
        model=SampleRecord,
        make=make,
        form_data=lambda unit: {
            "title": "Biên bản trao đổi thông tin",
            "status": "draft",
            "owner_unit": unit.pk,
            "classification": "thuong",
            "subject_name": "Trần Thị Mẫu",
            "birth_date": "01/02/1990",
        },
        api_data=lambda unit: {
            "title": "Biên bản trao đổi thông tin",
            "status": "draft",
            "owner_unit": unit.pk,
            "classification": "thuong",
            "subject_name": "Trần Thị Mẫu",
            "birth_date": "1990-02-01",
        },
        update_data={"title": "Biên bản đã sửa"},
        invalid_data={"title": ""},
        search_word="canh sat",
        api_basename="samplerecord",
    )
)
