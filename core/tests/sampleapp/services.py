from typing import Any

from core.services import record_create, record_delete, record_update

from .models import SampleRecord


def sample_create(*, actor: Any, data: dict[str, Any]) -> SampleRecord:
    return record_create(actor=actor, model=SampleRecord, data=data)


def sample_update(
    *, actor: Any, obj: SampleRecord, data: dict[str, Any], version: int | None
) -> SampleRecord:
    return record_update(actor=actor, obj=obj, data=data, version=version)


def sample_delete(*, actor: Any, obj: SampleRecord, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
