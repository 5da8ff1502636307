"""The access rule and the role table (DESIGN.md sections 1 and 4.1)."""

from __future__ import annotations

import pytest

from access.choices import levels_up_to
from access.rules import Action, can
from core.context import SYSTEM
from core.services import record_create
from core.testing import make_user
from core.tests.sampleapp.models import SampleChild, SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db


def test_levels_are_ordered():
    """thuong < mat < toi_mat < tuyet_mat."""
    assert levels_up_to("thuong") == ["thuong"]
    assert levels_up_to("toi_mat") == ["thuong", "mat", "toi_mat"]


def test_subtree_sees_records_of_divisions_but_not_of_siblings(units):
    """A province sees its divisions' records; a division does not see the province's."""
    division = units["CA-QUANG-NINH-PC02"]
    province_officer = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    division_officer = make_user(division, "officer", "mat")
    in_division = make(SYSTEM, division)
    in_province = make(SYSTEM, units["CA-QUANG-NINH"])
    assert set(SampleRecord.objects.visible_to(province_officer)) >= {in_division, in_province}
    visible = set(SampleRecord.objects.visible_to(division_officer))
    assert in_division in visible and in_province not in visible


def test_clearance_caps_even_ministry_wide_roles(units, users):
    """A coordinator with toi_mat does not see tuyet_mat records."""
    top = make(SYSTEM, units["CA-QUANG-NINH"], "tuyet_mat")
    assert not SampleRecord.objects.visible_to(users["doingoai"]).filter(pk=top.pk).exists()
    assert SampleRecord.objects.visible_to(users["lanhdao"]).filter(pk=top.pk).exists()


def test_assigned_units_make_a_record_visible_once(units):
    """A unit on a multi-valued path sees the record, and it appears once."""
    record = make(SYSTEM, units["CA-QUANG-NINH"])
    record.assigned_units.set([units["CA-HA-NOI"], units["CA-HA-NOI-PC04"]])
    hanoi = make_user(units["CA-HA-NOI"], "officer", "thuong")
    assert list(SampleRecord.objects.visible_to(hanoi).filter(pk=record.pk)) == [record]
    assert SampleRecord.objects.visible_to(hanoi).filter(pk=record.pk).count() == 1


def test_child_records_follow_their_parent(units):
    """A child is visible exactly when its parent is."""
    parent = make(SYSTEM, units["CA-QUANG-NINH"], "mat")
    child = record_create(
        actor=SYSTEM,
        model=SampleChild,
        data={"record": parent, "owner_unit": units["CA-QUANG-NINH"], "note": "n"},
    )
    inside = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    outside = make_user(units["CA-HA-NOI"], "officer", "mat")
    low = make_user(units["CA-QUANG-NINH"], "officer", "thuong")
    assert SampleChild.objects.visible_to(inside).filter(pk=child.pk).exists()
    assert not SampleChild.objects.visible_to(outside).filter(pk=child.pk).exists()
    assert not SampleChild.objects.visible_to(low).filter(pk=child.pk).exists()


def test_anonymous_and_unitless_users_see_nothing(units):
    """No user, an anonymous user, or an account without a unit sees no business record."""
    from django.contrib.auth.models import AnonymousUser

    from org.services import user_create

    make(SYSTEM, units["CA-QUANG-NINH"])
    assert SampleRecord.objects.visible_to(None).count() == 0
    assert SampleRecord.objects.visible_to(AnonymousUser()).count() == 0
    loose = user_create(actor=SYSTEM, data={"username": "loose", "clearance": "mat"}, roles=["officer"])
    assert SampleRecord.objects.visible_to(loose).count() == 0


ROLE_TABLE = [
    # role, action, own unit record, other unit record
    ("viewer", Action.VIEW, True, True),
    ("viewer", Action.CHANGE, False, False),
    ("viewer", Action.EXPORT, False, False),
    ("officer", Action.CHANGE, True, False),
    ("officer", Action.EXPORT, True, True),
    ("officer", Action.ASSIGN, False, False),
    ("officer", Action.VIEW_PERSONAL, False, False),  # own unit only, not its divisions
    ("officer", Action.EXPORT_PERSONAL, False, False),
    ("officer", Action.RAISE_ESCALATION, True, True),
    ("unit_head", Action.DELETE, True, False),
    ("unit_head", Action.ASSIGN, True, False),
    ("unit_head", Action.APPROVE, True, False),
    ("unit_head", Action.EXPORT_PERSONAL, True, False),
    ("coordinator", Action.CHANGE, True, True),
    ("coordinator", Action.DELETE, True, True),
    ("coordinator", Action.ASSIGN, True, True),
    ("coordinator", Action.EXPORT_PERSONAL, True, True),
    ("coordinator", Action.ANSWER_ESCALATION, True, True),
    ("coordinator", Action.DECIDE_ESCALATION, False, False),
    ("leadership", Action.CHANGE, False, False),
    ("leadership", Action.APPROVE, True, True),
    ("leadership", Action.VIEW_PERSONAL, True, True),
    ("leadership", Action.EXPORT_PERSONAL, False, False),
    ("leadership", Action.DECIDE_ESCALATION, True, True),
    ("administrator", Action.VIEW, True, True),
    ("administrator", Action.CHANGE, False, False),
    ("administrator", Action.EXPORT, False, False),
    ("administrator", Action.VIEW_PERSONAL, False, False),
]


@pytest.mark.parametrize(("role", "action", "own", "other"), ROLE_TABLE)
def test_role_table(units, role, action, own, other):
    """can() answers the role table of DESIGN.md section 1."""
    user = make_user(units["CA-QUANG-NINH"], role, "tuyet_mat")
    own_record = make(SYSTEM, units["CA-QUANG-NINH-PC02"])
    other_record = make(SYSTEM, units["CA-HA-NOI"])
    assert can(user, action, own_record) is own
    assert can(user, action, other_record) is other


def test_officer_sees_personal_data_of_own_unit_only(units):
    """An officer sees personal data in full on their own unit's records, masked below it."""
    officer = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    assert can(officer, Action.VIEW_PERSONAL, make(SYSTEM, units["CA-QUANG-NINH"]))
    assert not can(officer, Action.VIEW_PERSONAL, make(SYSTEM, units["CA-QUANG-NINH-PC02"]))


def test_officer_deletes_only_own_drafts(units):
    """An officer deletes a draft they created, not someone else's nor a final one."""
    officer = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    own_draft = make(officer, units["CA-QUANG-NINH"])
    final = make(officer, units["CA-QUANG-NINH"], status="final")
    others = make(SYSTEM, units["CA-QUANG-NINH"])
    assert can(officer, Action.DELETE, own_draft)
    assert not can(officer, Action.DELETE, final)
    assert not can(officer, Action.DELETE, others)


def test_reference_data_is_read_by_all_and_changed_by_administrators(units, users):
    """Units: every signed-in user views them; only administrators change them."""
    unit = units["CA-QUANG-NINH"]
    assert can(users["khach"], Action.VIEW, unit)
    assert not can(users["doingoai"], Action.CHANGE, unit)
    assert can(users["admin"], Action.CHANGE, unit)
    assert not can(None, Action.VIEW, unit)
