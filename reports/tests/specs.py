"""Spec of the report run for the generated tests."""

from __future__ import annotations

import itertools

from core.testing import ModelSpec, register_spec
from reports import services
from reports.models import ReportRun

_n = itertools.count(1)


def make_run(actor, unit, classification="thuong", **extra):
    data = {
        "title": f"Báo cáo thử nghiệm đối ngoại {next(_n)}",
        "period_kind": "year",
        "year": 2025,
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.run_create(actor=actor, data=data)


def _form(unit, api=False):
    return {
        "title": f"Báo cáo mẫu quý {next(_n)}",
        "period_kind": "quarter",
        "year": 2025,
        "period": 3,
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=ReportRun,
        make=make_run,
        form_data=_form,
        api_data=lambda unit: _form(unit, api=True),
        update_data={"title": "Báo cáo mẫu đã đổi tên"},
        invalid_data={"period_kind": "decade"},
        search_word="thu nghiem",
        api_basename="report-run",
    )
)
