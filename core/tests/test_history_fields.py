"""History holds every field: each concrete field of each model is recorded, or excluded with
its reason next to the model (DESIGN.md 4.2)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from access.registry import registry
from core.context import SYSTEM
from core.history import SKIPPED_FIELDS, history_field_names
from core.models import ObjectChange
from core.services import record_set_classification
from core.testing import all_specs

pytestmark = pytest.mark.django_db


def recorded_models():
    return [entry.model for entry in registry.all()] + [get_user_model()]


def test_every_concrete_field_is_in_history_or_excluded_with_a_reason():
    """No field is left out of history silently: exclusions name real fields and say why."""
    assert all(reason.strip() for reason in SKIPPED_FIELDS.values())
    for model in recorded_models():
        names = {f.name for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}
        excluded = getattr(model, "history_exclude", {})
        assert set(excluded) <= names, model
        assert all(isinstance(r, str) and r.strip() for r in excluded.values()), model
        assert not hasattr(model, "history_fields"), f"{model._meta.label}: declare history_exclude instead"
        recorded = set(history_field_names(model))
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            name = field.name
            assert name in recorded or name in excluded or name in SKIPPED_FIELDS or field.primary_key, (
                model,
                name,
            )


def test_accounts_record_their_powers():
    """A user's history shows superuser and staff flags and groups, not only roles."""
    names = history_field_names(get_user_model())
    for field in ("is_superuser", "is_staff", "groups", "roles", "clearance", "unit", "is_active"):
        assert field in names
    assert "password" not in names


def _changes(obj):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("pk")


@pytest.mark.parametrize(
    "spec",
    [s for s in all_specs() if not getattr(s.model, "classification_follows", None)],
    ids=lambda s: s.label,
)
def test_a_new_protection_period_is_recorded(spec, units):
    """Changing only the protection period writes an update whose before and after differ."""
    record = spec.make(SYSTEM, units["CA-QUANG-NINH"], "mat")
    if getattr(record, "access_parent", None):
        pytest.skip("a child takes its parent's classification")
    record_set_classification(
        actor=SYSTEM, obj=record, level="mat", version=record.version, protection_years=5
    )
    change = _changes(record).last()
    assert change.action == "update"
    assert change.prechange_data["protection_years"] is None
    assert change.postchange_data["protection_years"] == 5


def test_relevelling_an_obligation_writes_history_for_each_child(units):
    """Raising an obligation's level re-levels its assignments and reports, each with history."""
    from tracking.tests.specs import make_assignment, make_report

    report = make_report(SYSTEM, units["CA-QUANG-NINH"])
    assignment = report.assignment
    obligation = assignment.obligation
    sibling = make_assignment(SYSTEM, units["CA-QUANG-NINH-PA08"], obligation=obligation, role="support")
    record_set_classification(actor=SYSTEM, obj=obligation, level="toi_mat", version=obligation.version)
    for child in (assignment, sibling, report):
        child.refresh_from_db()
        assert child.classification == "toi_mat"
        change = _changes(child).last()
        assert change.action == "update"
        assert change.prechange_data["classification"] == "thuong"
        assert change.postchange_data["classification"] == "toi_mat"
