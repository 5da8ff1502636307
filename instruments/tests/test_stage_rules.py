"""Treaty-work deadlines as data: the statutory default of each stage by kind of instrument,
shown with its source, overridable with a reason, and each started stage a tracked obligation."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import ObjectChange
from core.testing import count_queries
from instruments import services
from instruments.models import InstrumentStage, StageRule
from instruments.tests.specs import make_instrument
from tracking.models import Assignment, Obligation
from tracking.selectors import with_status
from tracking.services import existing_for_source

pytestmark = pytest.mark.django_db


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def frozen(day: str):
    return time_machine.travel(datetime.datetime.combine(D(day), datetime.time(7)), tick=False)


def api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def treaty(units, **extra):
    return make_instrument(SYSTEM, units["CDN"], type="treaty", level="government", **extra)


def ministry(units, **extra):
    return make_instrument(SYSTEM, units["CDN"], type="mou", level="ministry", **extra)


def provincial(units, **extra):
    return make_instrument(SYSTEM, units["CA-QUANG-NINH"], type="mou", level="unit", **extra)


def stage(instrument, kind, requested_on, actor=SYSTEM, **extra):
    return services.stage_create(
        actor=actor,
        data={"instrument": instrument, "kind": kind, "requested_on": D(requested_on), **extra},
    )


def lead_of(obj) -> Assignment:
    obligation = existing_for_source(obj)
    return obligation.assignments.get(role="lead", parent=None)


# --- The table shipped with hoptac -------------------------------------------------------------------


def test_every_shipped_rule_cites_its_source_and_says_what_is_unconfirmed():
    rules = list(StageRule.objects.all())
    assert {r.work_kind for r in rules} == {"treaty", "ministry_agreement", "provincial_agreement"}
    for rule in rules:
        assert rule.law and rule.source, rule
        if not rule.confirmed:
            assert rule.unconfirmed_points, rule
    # The 2025 amendment of the Law on Treaties applies from 1 January 2026.
    before = StageRule.in_force("treaty", "mofa_consultation", D("2025-12-31"))
    after = StageRule.in_force("treaty", "mofa_consultation", D("2026-01-01"))
    assert before.law == "Luật Điều ước quốc tế số 108/2016/QH13" and not before.confirmed
    assert "137/2025/QH15" in after.law and after.days == 10 and after.confirmed
    assert StageRule.in_force("provincial_agreement", "report_to_mofa", D("2026-03-01")).article == (
        "Khoản 5 Điều 19"
    )


# --- The default deadline of each kind and stage -------------------------------------------------


@pytest.mark.parametrize(
    ("kind_of", "stage_kind", "requested", "due"),
    [
        # Treaty, as amended (Law 137/2025/QH15): consulted bodies answer within 10 days.
        ("treaty", "mofa_consultation", "2026-03-02", "2026-03-12"),
        ("treaty", "moj_consultation", "2026-03-02", "2026-03-12"),
        # Legal check (appraisal by the Ministry of Justice): 10 days.
        ("treaty", "legal_check", "2026-03-02", "2026-03-12"),
        # Missing papers: 3 working days; Friday 13/02/2026 skips the weekend and Tết.
        ("treaty", "missing_papers", "2026-02-13", "2026-02-25"),
        # Before the amendment (the 2016 text): 7 working days, from Friday over the weekend.
        ("treaty", "mofa_consultation", "2025-06-06", "2025-06-17"),
        # Ministry-level agreement: 7 working days (Monday 27/04/2026 skips 30/4 and 1/5).
        ("ministry", "mofa_consultation", "2026-04-27", "2026-05-08"),
        # Provincial agreement: 7 working days (Law on International Agreements, Art. 19(2)).
        ("provincial", "moj_consultation", "2026-04-27", "2026-05-08"),
    ],
)
def test_the_default_deadline_of_each_kind_and_stage(units, kind_of, stage_kind, requested, due):
    instrument = {"treaty": treaty, "ministry": ministry, "provincial": provincial}[kind_of](units)
    st = stage(instrument, stage_kind, requested)
    assert st.default_due_on == D(due) and st.due_on == D(due)
    assert st.rule is not None and st.rule.stage == stage_kind
    assert not st.is_overridden and st.legal_source


def test_working_days_skip_weekends_and_the_tet_holidays():
    from instruments.calendar import add_working_days

    # Friday 13/02/2026 + 3 working days: not Monday 16/02 (Tết), but after the holidays.
    assert add_working_days(D("2026-02-13"), 3) == D("2026-02-25")
    assert add_working_days(D("2026-04-27"), 7) == D("2026-05-08")


@pytest.mark.parametrize("make", [treaty, ministry, provincial])
def test_reports_after_signing_and_entry_into_force_and_the_yearly_plan(units, make):
    with frozen("2026-10-05"):
        instrument = make(units, status="negotiating")
        instrument = services.instrument_update(
            actor=SYSTEM, obj=instrument, data={"status": "signed", "signed_on": D("2026-09-01")}, version=1
        )
        instrument = services.instrument_update(
            actor=SYSTEM,
            obj=instrument,
            data={"status": "in_force", "in_force_on": D("2026-10-01")},
            version=instrument.version,
        )
    stages = {s.kind: s for s in InstrumentStage.objects.filter(instrument=instrument)}
    assert stages["report_to_mofa"].default_due_on == D("2026-09-16")
    assert stages["implementation_plan"].default_due_on == D("2026-10-16")
    assert stages["yearly_plan"].due_on == D("2026-11-15")
    for st in stages.values():
        assert st.rule is not None and st.legal_source
        assert lead_of(st).due_on == st.due_on


# --- Override with a reason ------------------------------------------------------------------------


def test_another_deadline_needs_a_reason_and_is_kept_in_the_history(units, users):
    instrument = treaty(units)
    count = InstrumentStage.objects.count()
    with pytest.raises(ValidationError) as exc:
        stage(instrument, "legal_check", "2026-03-02", due_on=D("2026-03-23"))
    assert "override_reason" in exc.value.message_dict
    assert "12/03/2026" in exc.value.message_dict["override_reason"][0]
    assert InstrumentStage.objects.count() == count  # nothing written
    assert Obligation.objects.filter(title__contains=instrument.title).count() == 0
    with pytest.raises(ValidationError):  # a blank reason is no reason
        stage(instrument, "legal_check", "2026-03-02", due_on=D("2026-03-23"), override_reason="   ")
    st = stage(
        instrument,
        "legal_check",
        "2026-03-02",
        due_on=D("2026-03-23"),
        override_reason="Thành lập Hội đồng thẩm định: 20 ngày",
    )
    assert st.due_on == D("2026-03-23") and st.default_due_on == D("2026-03-12") and st.is_overridden
    assert lead_of(st).due_on == D("2026-03-23")
    # Dropping the reason brings the statutory deadline back (and moves the assignment).
    st = services.stage_update(actor=SYSTEM, obj=st, data={"override_reason": ""}, version=st.version)
    assert st.due_on == D("2026-03-12") and lead_of(st).due_on == D("2026-03-12")
    changes = ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(InstrumentStage), object_id=str(st.pk)
    )
    reasons = [c.postchange_data.get("override_reason") for c in changes.order_by("pk")]
    assert "Thành lập Hội đồng thẩm định: 20 ngày" in reasons


def test_working_days_other_than_the_law_need_a_reason(units):
    instrument = provincial(units)
    with pytest.raises(ValidationError) as exc:
        stage(instrument, "mofa_consultation", "2026-04-27", working_days=15)
    assert (
        "override_reason" in exc.value.message_dict
        and "Điều 19" in exc.value.message_dict["override_reason"][0]
    )
    st = stage(instrument, "mofa_consultation", "2026-04-27", working_days=7)
    assert st.due_on == D("2026-05-08") and not st.is_overridden


def test_the_stage_form_refuses_another_deadline_without_a_reason(client, users, units):
    instrument = treaty(units)
    st = stage(instrument, "mofa_consultation", "2026-03-02")
    client.force_login(users["doingoai"])
    url = reverse("instruments:instrumentstage_edit", args=[st.pk])
    data = {
        "kind": "mofa_consultation",
        "requested_on": "02/03/2026",
        "due_on": "30/03/2026",
        "override_reason": "",
        "version": st.version,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "override_reason" in response.context["form"].errors
    st.refresh_from_db()
    assert st.due_on == D("2026-03-12") and st.version == 1
    response = client.post(url, {**data, "override_reason": "Bộ Ngoại giao đề nghị lùi thời hạn"})
    assert response.status_code == 302
    st.refresh_from_db()
    assert st.due_on == D("2026-03-30") and st.default_due_on == D("2026-03-12")
    body = client.get(st.get_absolute_url()).content.decode()
    assert "137/2025/QH15" in body and "Bộ Ngoại giao đề nghị lùi thời hạn" in body
    page = client.get(instrument.get_absolute_url()).content.decode()
    assert 'data-testid="stage-source"' in page and "Khoản 2 Điều 9" in page


def test_the_api_shows_the_default_the_source_and_the_override(users, units):
    instrument = treaty(units)
    client = api(users["doingoai"])
    response = client.post(
        "/api/v1/instrument-stages/",
        {"instrument": instrument.pk, "kind": "moj_consultation", "requested_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["default_due_on"] == "2026-03-12" and body["due_on"] == "2026-03-12"
    assert "Khoản 2 Điều 9" in body["legal_source"] and body["is_overridden"] is False
    response = client.patch(
        f"/api/v1/instrument-stages/{body['id']}/", {"due_on": "2026-04-01", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "override_reason" in response.json()["error"]["fields"]
    assert InstrumentStage.objects.get(pk=body["id"]).version == 1  # nothing written
    response = client.patch(
        f"/api/v1/instrument-stages/{body['id']}/",
        {"due_on": "2026-04-01", "override_reason": "Chờ ý kiến bổ sung", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["is_overridden"] is True and response.json()["default_due_on"] == "2026-03-12"


# --- Each started stage is a tracked obligation ------------------------------------------------------


def test_a_started_stage_is_one_obligation_with_a_lead_assignment(units, users):
    instrument = ministry(units)
    st = stage(instrument, "mofa_consultation", "2026-04-27")
    obligation = existing_for_source(st)
    assert obligation is not None and obligation.owner_unit == instrument.owner_unit
    lead = lead_of(st)
    assert lead.unit == instrument.owner_unit and lead.due_on == D("2026-05-08")
    # Saving again (a note, the same deadline) opens nothing more.
    for _ in range(2):
        st = services.stage_update(
            actor=SYSTEM, obj=st, data={"notes": "Đã gửi công văn"}, version=st.version
        )
    ctype = ContentType.objects.get_for_model(InstrumentStage)
    assert Obligation.objects.filter(source_type=ctype, source_id=str(st.pk)).count() == 1
    assert Assignment.objects.filter(obligation=obligation).count() == 1
    # A later start moves the deadline, and the assignment with it.
    st = services.stage_update(
        actor=SYSTEM, obj=st, data={"requested_on": D("2026-05-04")}, version=st.version
    )
    assert st.due_on == D("2026-05-13") and lead_of(st).due_on == D("2026-05-13")
    # Completing the stage completes the obligation (on time).
    with frozen("2026-05-12"):
        st = services.stage_update(
            actor=SYSTEM, obj=st, data={"done_on": D("2026-05-12")}, version=st.version
        )
    lead = lead_of(st)
    assert with_status(Assignment.objects.filter(pk=lead.pk), D("2026-05-20")).get().status == "done"
    st = services.stage_update(actor=SYSTEM, obj=st, data={"notes": "Xong"}, version=st.version)
    assert lead.reports.count() == 1


def test_a_stage_not_started_is_not_tracked(units):
    instrument = ministry(units)
    st = services.stage_create(actor=SYSTEM, data={"instrument": instrument, "kind": "approval"})
    assert st.due_on is None and existing_for_source(st) is None
    old = stage(instrument, "mofa_consultation", "2021-09-01")
    assert old.due_on is not None and existing_for_source(old) is None  # long settled


def test_a_stage_recorded_by_an_officer_is_tracked_for_the_owner_unit(units, users):
    """The duty follows from the rule, whoever records the stage: a province officer's stage is
    tracked, lead = the province (the instrument's owner unit)."""
    instrument = provincial(units)
    st = stage(instrument, "mofa_consultation", "2026-04-27", actor=users["qninh"])
    assert lead_of(st).unit == units["CA-QUANG-NINH"]


# --- Permissions -------------------------------------------------------------------------------------


def test_only_a_coordinator_sets_another_deadline(users, units):
    instrument = provincial(units)
    st = stage(instrument, "mofa_consultation", "2026-04-27", actor=users["qninh"])
    with pytest.raises(ValidationError) as exc:
        services.stage_update(
            actor=users["qninh"],
            obj=st,
            data={"due_on": D("2026-05-20"), "override_reason": "Chờ ý kiến"},
            version=st.version,
        )
    assert "override_reason" in exc.value.message_dict
    st.refresh_from_db()
    assert st.due_on == D("2026-05-08") and st.version == 1  # nothing written
    # The officer still edits the stage (a note), and the coordinator's override stands.
    st = services.stage_update(
        actor=users["doingoai"],
        obj=st,
        data={"due_on": D("2026-05-20"), "override_reason": "Chờ ý kiến"},
        version=st.version,
    )
    st = services.stage_update(actor=users["qninh"], obj=st, data={"notes": "Đã nhắc"}, version=st.version)
    assert st.due_on == D("2026-05-20") and lead_of(st).due_on == D("2026-05-20")


def test_stage_rules_are_read_by_all_and_edited_by_coordinators_only(client, users):
    rule = StageRule.in_force("treaty", "legal_check", D("2026-03-01"))
    client.force_login(users["khach"])
    response = client.get(reverse("instruments:stagerule_list"), {"per_page": 100})
    assert response.status_code == 200 and "137/2025/QH15" in response.content.decode()
    assert client.get(rule.get_absolute_url()).status_code == 200
    client.force_login(users["qninh"])
    assert client.get(reverse("instruments:stagerule_edit", args=[rule.pk])).status_code == 403
    assert (
        api(users["qninh"])
        .patch(f"/api/v1/stage-rules/{rule.pk}/", {"days": 20, "version": rule.version}, format="json")
        .status_code
        == 403
    )
    rule.refresh_from_db()
    assert rule.days == 10
    response = api(users["doingoai"]).patch(
        f"/api/v1/stage-rules/{rule.pk}/",
        {"unconfirmed_points": "Đã đối chiếu Công báo.", "version": rule.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    rule.refresh_from_db()
    assert rule.version == 2
    assert ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(StageRule), object_id=str(rule.pk)
    ).exists()
    assert api(users["khach"]).get("/api/v1/stage-rules/", {"work_kind": "treaty"}).status_code == 200


def test_a_bad_rule_is_refused_with_a_clear_error(users):
    count = StageRule.objects.count()
    base = {
        "work_kind": "treaty",
        "stage": "mofa_consultation",
        "days": 5,
        "valid_from": D("2027-01-01"),
        "law": "Luật thử",
        "source": "Thử nghiệm",
    }
    with pytest.raises(ValidationError) as exc:  # overlaps the rule in force since 2026
        services.stage_rule_create(actor=users["doingoai"], data=base)
    assert "valid_from" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.stage_rule_create(
            actor=users["doingoai"], data={**base, "stage": "approval", "trigger": "yearly", "days": None}
        )
    assert "due_day" in exc.value.message_dict
    assert StageRule.objects.count() == count


def test_a_province_officer_does_not_see_the_ministrys_stages(users, units):
    st = stage(ministry(units), "mofa_consultation", "2026-04-27")
    client = Client()
    client.force_login(users["qninh"])
    assert client.get(st.get_absolute_url()).status_code == 404
    assert api(users["qninh"]).get(f"/api/v1/instrument-stages/{st.pk}/").status_code == 404


# --- Queries -----------------------------------------------------------------------------------------


def test_stage_pages_run_a_constant_number_of_queries(users, units):
    client = Client()
    client.force_login(users["doingoai"])
    instrument = treaty(units)
    first = stage(instrument, "mofa_consultation", "2026-03-02")
    urls = [instrument.get_absolute_url(), first.get_absolute_url(), reverse("instruments:stagerule_list")]
    for url in urls:
        client.get(url)
    before = [count_queries(lambda url=url: client.get(url)) for url in urls]
    stage(instrument, "moj_consultation", "2026-03-02")
    stage(
        instrument, "legal_check", "2026-03-02", due_on=D("2026-03-20"), override_reason="Hội đồng thẩm định"
    )
    services.stage_rule_create(
        actor=SYSTEM,
        data={
            "work_kind": "treaty",
            "stage": "approval",
            "days": 5,
            "valid_from": D("2026-01-01"),
            "law": "Quy định thử",
            "source": "Thử nghiệm",
        },
    )
    after = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert after == before
