"""The 2025 laws as data: rule sets by date, the central authority each case goes through, the
provisional-arrest limit as a tracked deadline, and response days tied to the rule set."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import CompetentAuthority, CooperationCase, ResponseRule, RuleSet
from cases.tests.specs import central_authority, make_case
from core.context import SYSTEM
from core.exceptions import ValidationError
from tracking import reminders
from tracking.models import Assignment, Notification, Obligation
from tracking.selectors import overdue_board, with_status

pytestmark = pytest.mark.django_db


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def frozen(day: str):
    return time_machine.travel(datetime.datetime.combine(D(day), datetime.time(7)), tick=False)


def api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def spp(kind: str = "mla") -> CompetentAuthority:
    return CompetentAuthority.objects.get(
        country__code="VN", request_kind=kind, role="central", name="Viện kiểm sát nhân dân tối cao"
    )


def mps(kind: str = "extradition") -> CompetentAuthority:
    return CompetentAuthority.objects.get(
        country__code="VN", request_kind=kind, role="central", name="Bộ Công an"
    )


def status_of(assignment: Assignment, day: str) -> str:
    return with_status(Assignment.objects.filter(pk=assignment.pk), D(day)).get().status


# --- The rule sets shipped with hoptac -----------------------------------------------------------


def test_the_2007_law_and_the_2025_laws_switch_on_1_july_2026():
    before, after = D("2026-06-30"), D("2026-07-01")
    assert RuleSet.in_force("mla", before).law_number == "08/2007/QH12"
    assert RuleSet.in_force("mla", after).law_number == "103/2025/QH15"
    assert RuleSet.in_force("extradition", after).law_number == "100/2025/QH15"
    assert RuleSet.in_force("transfer", after).law_name == "Luật Chuyển giao người đang chấp hành án phạt tù"
    # Criminal legal assistance goes through the Supreme People's Procuracy under both laws;
    # extradition and transfers through the Ministry of Public Security under the 2025 laws.
    assert RuleSet.in_force("mla", before).central_authority == spp()
    assert RuleSet.in_force("mla", after).central_authority == spp()
    assert RuleSet.in_force("extradition", after).central_authority == mps()
    assert RuleSet.in_force("transfer", after).central_authority == mps("transfer")
    assert RuleSet.in_force("extradition", after).provisional_arrest_days == 45
    # Nothing could be confirmed is left unmarked: the transfer law's number is unknown.
    transfer = RuleSet.in_force("transfer", after)
    assert transfer.law_number == "" and not transfer.confirmed and transfer.unconfirmed_points
    assert all(r.source for r in RuleSet.objects.all())
    assert RuleSet.in_force("information", after) is None


def test_rule_sets_of_a_type_do_not_overlap(users):
    with pytest.raises(ValidationError) as exc:
        services.rule_set_create(
            actor=users["doingoai"],
            data={
                "case_type": "mla",
                "law_name": "Luật thử",
                "valid_from": D("2026-01-01"),
                "source": "Thử nghiệm",
            },
        )
    assert "valid_from" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.rule_set_create(
            actor=users["doingoai"],
            data={
                "case_type": "asset_recovery",
                "law_name": "Luật thử",
                "valid_from": D("2026-01-01"),
                "central_authority": mps(),
                "source": "Thử nghiệm",
            },
        )
    assert "central_authority" in exc.value.message_dict


# --- The central authority of a case -----------------------------------------------------------------


def test_a_criminal_legal_assistance_case_after_1_july_2026_needs_the_procuracy(units):
    count = CooperationCase.objects.count()
    for wrong in (None, mps()):
        with pytest.raises(ValidationError) as exc:
            make_case(SYSTEM, units["CSHS"], type="mla", opened_on="2026-07-02", central_authority=wrong)
        assert "central_authority" in exc.value.message_dict
        assert "Viện kiểm sát nhân dân tối cao" in exc.value.message_dict["central_authority"][0]
    assert CooperationCase.objects.count() == count  # nothing written
    case = make_case(SYSTEM, units["CSHS"], type="mla", opened_on="2026-07-02", central_authority=spp())
    assert case.rule_set.law_number == "103/2025/QH15" and case.rules_applied == "laws_2025"


def test_extradition_goes_through_the_authority_of_the_law_of_its_date(units):
    # Before 1 July 2026 (the 2007 law as recorded): the procuracy's entry for extradition.
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], type="extradition", opened_on="2026-06-15", central_authority=mps())
    assert "central_authority" in exc.value.message_dict
    old = make_case(
        SYSTEM,
        units["CSHS"],
        type="extradition",
        opened_on="2026-06-15",
        central_authority=spp("extradition"),
    )
    assert old.rule_set.law_number == "08/2007/QH12"
    # After: the Ministry of Public Security (Law on Extradition 100/2025/QH15).
    with pytest.raises(ValidationError):
        make_case(
            SYSTEM,
            units["CSHS"],
            type="extradition",
            opened_on="2026-07-15",
            central_authority=spp("extradition"),
        )
    new = make_case(
        SYSTEM, units["CSHS"], type="extradition", opened_on="2026-07-15", central_authority=mps()
    )
    assert new.rule_set.law_number == "100/2025/QH15"
    # A transfer before the date goes through the Ministry too (the 2007 law as recorded).
    make_case(
        SYSTEM, units["CSHS"], type="transfer", opened_on="2026-06-15", central_authority=mps("transfer")
    )


def test_other_case_types_have_no_central_authority(units):
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], type="information", central_authority=spp())
    assert "central_authority" in exc.value.message_dict


def test_the_case_form_refuses_a_missing_central_authority_with_a_clear_error(client, users, units):
    client.force_login(users["doingoai"])
    data = {
        "title": "Yêu cầu tương trợ tư pháp sau ngày 01/7/2026",
        "type": "mla",
        "direction": "outgoing",
        "channel": "diplomatic",
        "crime_area": "cyber",
        "opened_on": "02/07/2026",
        "owner_unit": units["ANM"].pk,
        "classification": "thuong",
    }
    response = client.post(reverse("cases:cooperationcase_add"), data)
    assert response.status_code == 400
    assert "central_authority" in response.context["form"].errors
    assert "Viện kiểm sát nhân dân tối cao" in response.content.decode()
    assert not CooperationCase.objects.filter(title=data["title"]).exists()
    response = client.post(reverse("cases:cooperationcase_add"), {**data, "central_authority": spp().pk})
    assert response.status_code == 302
    case = CooperationCase.objects.get(title=data["title"])
    assert case.central_authority == spp() and case.rule_set.law_number == "103/2025/QH15"
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="rule-set"' in body and "103/2025/QH15" in body and "laodongthudo.vn" in body
    assert 'data-testid="central-authority"' in body


def test_the_api_refuses_a_missing_central_authority_and_shows_the_rule_set(users, units):
    data = {
        "title": "Yêu cầu dẫn độ qua API sau ngày 01/7/2026",
        "type": "extradition",
        "direction": "incoming",
        "channel": "diplomatic",
        "crime_area": "fraud",
        "opened_on": "2026-07-10",
        "owner_unit": units["CSHS"].pk,
        "classification": "thuong",
    }
    client = api(users["doingoai"])
    response = client.post("/api/v1/cases/", data, format="json")
    assert response.status_code == 400
    assert "central_authority" in response.json()["error"]["fields"]
    response = client.post("/api/v1/cases/", {**data, "central_authority": mps().pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    rules = RuleSet.in_force("extradition", D("2026-07-10"))
    assert body["central_authority"] == mps().pk and body["rule_set"] == rules.pk
    assert body["provisional_arrest_limit"] == 45
    listed = client.get("/api/v1/rule-sets/", {"case_type": "extradition"}).json()
    row = next(r for r in listed["results"] if r["id"] == rules.pk)
    assert row["citation"] == "Luật Dẫn độ (100/2025/QH15)" and row["central_authority"] == mps().pk
    assert row["provisional_arrest_days"] == 45 and row["source"]


# --- The provisional-arrest limit as a tracked deadline ------------------------------------------------


def _arrest_case(actor, unit, **extra):
    data = {"type": "extradition", "direction": "incoming", "opened_on": "2026-09-01", **extra}
    return make_case(actor, unit, **data)


def test_a_recorded_provisional_arrest_puts_a_deadline_on_the_overdue_board_45_days_later(units, users):
    qn = units["CA-QUANG-NINH"]
    with frozen("2026-09-01"):
        case = _arrest_case(users["qninh"], qn)
        assert services.arrest_assignment(case) is None  # no arrest recorded yet
        case = services.case_update(
            actor=users["qninh"],
            obj=case,
            data={"provisional_arrest_on": D("2026-09-03")},
            version=case.version,
        )
    arrest = services.arrest_assignment(case)
    assert arrest.unit == qn and arrest.role == "lead" and arrest.due_on == D("2026-10-18")
    assert arrest.obligation.source_kind == "arrest" and arrest.obligation.priority == "high"
    # The response deadline is a separate duty of the same case.
    assert services.case_assignment(case).pk != arrest.pk
    assert status_of(arrest, "2026-10-18") != "overdue"
    assert status_of(arrest, "2026-10-19") == "overdue"
    board = overdue_board(users["doingoai"], D("2026-10-19"))
    assert arrest.pk in [a.pk for a in board["rows"]]
    assert arrest.pk not in [a.pk for a in overdue_board(users["doingoai"], D("2026-10-18"))["rows"]]
    with frozen("2026-10-19"):
        from django.test import Client

        client = Client()
        client.force_login(users["doingoai"])
        body = client.get(reverse("tracking:overdue"), {"source": "arrest"}).content.decode()
    assert case.title in body


def test_the_arrest_deadline_gets_the_reminders_of_the_tracking_engine(units, users, monkeypatch):
    monkeypatch.setattr(reminders, "DAILY_JOBS", {})
    qn = units["CA-QUANG-NINH"]
    with frozen("2026-09-01"):
        case = _arrest_case(SYSTEM, qn, provisional_arrest_on="2026-09-01")
    arrest = services.arrest_assignment(case)
    period = arrest.periods.get()
    due = arrest.due_on
    assert due == D("2026-10-16")
    with frozen("2026-10-13"):
        reminders.daily_round()
    sent = Notification.objects.filter(kind="due_soon", key=f"due_soon:{period.pk}:{due.isoformat()}")
    assert {n.recipient.username for n in sent} >= {"qninh", "qninh_truong"}
    with frozen("2026-10-16"):
        reminders.daily_round()
    assert Notification.objects.filter(
        kind="due_today", key=f"due_today:{period.pk}:{due.isoformat()}"
    ).exists()


def test_the_arrest_deadline_moves_with_the_date_and_ends_with_the_arrest(units, users):
    qn = units["CA-QUANG-NINH"]
    with frozen("2026-09-01"):
        case = _arrest_case(users["qninh"], qn, provisional_arrest_on="2026-09-01")
        case = services.case_update(
            actor=users["qninh"],
            obj=case,
            data={"provisional_arrest_on": D("2026-09-05")},
            version=case.version,
        )
        assert services.arrest_assignment(case).due_on == D("2026-10-20")
        with pytest.raises(ValidationError) as exc:
            services.case_update(
                actor=users["qninh"],
                obj=case,
                data={"provisional_arrest_end": "released"},
                version=case.version,
            )
        assert "provisional_arrest_ended_on" in exc.value.message_dict
    with frozen("2026-10-01"):
        case = services.case_update(
            actor=users["qninh"],
            obj=case,
            data={
                "provisional_arrest_end": "request_received",
                "provisional_arrest_ended_on": D("2026-10-01"),
            },
            version=case.version,
        )
        assert status_of(services.arrest_assignment(case), "2026-10-01") == "done"
    # The response deadline of the case runs on.
    assert status_of(services.case_assignment(case), "2026-10-01") != "done"


def test_an_arrest_recorded_by_mistake_takes_its_deadline_away_and_closing_completes_it(units, users):
    qn = units["CA-QUANG-NINH"]
    with frozen("2026-09-01"):
        case = _arrest_case(users["qninh"], qn, provisional_arrest_on="2026-09-01")
        obligation = services.arrest_assignment(case).obligation
        case = services.case_update(
            actor=users["qninh"], obj=case, data={"provisional_arrest_on": None}, version=case.version
        )
        assert not Obligation.objects.filter(pk=obligation.pk).exists()
        assert services.case_assignment(case) is not None
        case = services.case_update(
            actor=users["qninh"],
            obj=case,
            data={"provisional_arrest_on": D("2026-09-01")},
            version=case.version,
        )
    with frozen("2026-09-20"):
        case = services.case_transition(
            actor=users["qninh"], obj=case, status="refused", version=case.version
        )
        assert status_of(services.arrest_assignment(case), "2026-09-20") == "done"
    services_obligations = Obligation.objects.filter(
        source_id=str(case.pk), source_kind__in=("case", "arrest")
    )
    assert services_obligations.count() == 2


def test_the_case_page_shows_the_tracked_arrest_deadline(client, users, units):
    with frozen("2026-09-01"):
        case = _arrest_case(SYSTEM, units["CA-QUANG-NINH"], provisional_arrest_on="2026-09-01")
        client.force_login(users["qninh"])
        body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="arrest-deadline"' in body and 'data-testid="arrest-status"' in body
    assert "16/10/2026" in body and "Luật Dẫn độ" in body


# --- Response days from the rule set --------------------------------------------------------------------


def test_response_days_come_from_the_rule_set_of_the_case_date(units, users):
    rules_2025 = RuleSet.in_force("mla", D("2026-07-01"))
    tied = services.response_rule_create(
        actor=users["doingoai"],
        data={
            "case_type": "mla",
            "rule_set": rules_2025,
            "days": 45,
            "source": "Quyết định nội bộ (thử nghiệm)",
        },
    )
    before = make_case(SYSTEM, units["CSHS"], type="mla", direction="incoming", opened_on="2026-06-01")
    after = make_case(SYSTEM, units["CSHS"], type="mla", direction="incoming", opened_on="2026-08-01")
    general = ResponseRule.objects.get(case_type="mla", rule_set__isnull=True)
    assert before.response_due_on == D("2026-06-01") + datetime.timedelta(days=general.days)
    assert after.response_due_on == D("2026-09-15")
    assert services.response_rule("mla", after.rule_set) == tied
    # One rule per case type and rule set; a rule set of another type is refused.
    with pytest.raises(ValidationError):
        services.response_rule_create(
            actor=users["doingoai"], data={"case_type": "mla", "rule_set": rules_2025, "days": 10}
        )
    with pytest.raises(ValidationError) as exc:
        services.response_rule_create(
            actor=users["doingoai"],
            data={"case_type": "transfer", "rule_set": rules_2025, "days": 10},
        )
    assert "rule_set" in exc.value.message_dict


# --- Pages and permissions of the rule sets -----------------------------------------------------------


def test_rule_set_pages_list_filter_and_detail(client, users):
    client.force_login(users["khach"])
    response = client.get(reverse("cases:ruleset_list"), {"in_force_on": "01/07/2026", "per_page": 100})
    assert response.status_code == 200
    rows = [row["obj"] for row in response.context["rows"]]
    assert {r.law_number for r in rows} >= {"103/2025/QH15", "100/2025/QH15"}
    assert "08/2007/QH12" not in {r.law_number for r in rows}
    rules = RuleSet.in_force("extradition", D("2026-07-01"))
    body = client.get(rules.get_absolute_url()).content.decode()
    assert "100/2025/QH15" in body and "Bộ Công an" in body
    response = client.get(reverse("cases:ruleset_list"), {"case_type": "transfer", "sort": "-valid_from"})
    assert response.status_code == 200


def test_rule_sets_are_edited_by_coordinators_only(client, users, units):
    rules = RuleSet.in_force("transfer", D("2026-07-01"))
    client.force_login(users["qninh"])
    assert client.get(reverse("cases:ruleset_edit", args=[rules.pk])).status_code == 403
    assert (
        api(users["qninh"])
        .patch(f"/api/v1/rule-sets/{rules.pk}/", {"law_number": "X", "version": rules.version}, format="json")
        .status_code
        == 403
    )
    response = api(users["doingoai"]).patch(
        f"/api/v1/rule-sets/{rules.pk}/",
        {"unconfirmed_points": "Số hiệu chờ đối chiếu Công báo.", "version": rules.version},
        format="json",
    )
    assert response.status_code == 200
    rules.refresh_from_db()
    assert rules.unconfirmed_points == "Số hiệu chờ đối chiếu Công báo." and rules.version == 2
    # A rule set applied to cases cannot be deleted.
    applied = make_case(SYSTEM, units["CSHS"], type="mla", opened_on="2026-03-15").rule_set
    assert applied == RuleSet.in_force("mla", D("2026-03-15"))
    assert api(users["doingoai"]).delete(f"/api/v1/rule-sets/{applied.pk}/").status_code == 400


def test_demo_cases_of_those_types_go_through_a_valid_central_authority():
    cases = CooperationCase.objects.filter(type__in=("mla", "extradition", "transfer"))
    assert cases.exists()
    for case in cases:
        assert case.central_authority_id is not None and case.central_authority_error() is None, case
        assert case.central_authority == central_authority(case.type, case.opened_on.isoformat())


def test_the_live_legal_basis_panel_names_the_law_and_its_central_authority(client, users):
    client.force_login(users["qninh"])
    url = reverse("cases:legal_basis_panel")
    after = client.get(url, {"type": "extradition", "opened_on": "02/07/2026"}).content.decode()
    assert (
        'data-testid="legal-panel-rule-set"' in after and "100/2025/QH15" in after and "Bộ Công an" in after
    )
    before = client.get(url, {"type": "mla", "opened_on": "30/06/2026"}).content.decode()
    assert "08/2007/QH12" in before and "Viện kiểm sát nhân dân tối cao" in before
    other = client.get(url, {"type": "information", "opened_on": "02/07/2026"}).content.decode()
    assert 'data-testid="legal-panel-rule-set"' not in other
