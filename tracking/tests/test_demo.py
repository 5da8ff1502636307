"""The tracking demo (loaded once per session by conftest): every view has something to show."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from instruments.models import Directive, DirectiveItem
from tracking import demo, selectors
from tracking.choices import Status
from tracking.models import Assignment, Obligation, Obstacle, ProgressReport

pytestmark = pytest.mark.django_db


def test_qninh_has_work_of_quang_ninh_in_each_of_the_five_statuses(users, units):
    own = [a for a in selectors.my_work(users["qninh"]) if a.unit == units["CA-QUANG-NINH"]]
    assert {a.status for a in own} == set(Status.values)


def test_a_report_awaits_qninh_truong_and_an_obstacle_raised_by_qninh_awaits_doingoai(users, units):
    waiting = ProgressReport.objects.visible_to(users["qninh_truong"]).filter(
        status="submitted", awaiting_unit=units["CA-QUANG-NINH"]
    )
    assert waiting.exists() and not waiting.filter(created_by=users["qninh_truong"]).exists()
    raised = selectors.open_obstacles(users["doingoai"]).filter(status="raised", created_by=users["qninh"])
    assert raised.exists()
    # The other steps of an escalation are there too: escalated (for lanhdao), answered, decided.
    statuses = set(Obstacle.objects.visible_to(users["lanhdao"]).values_list("status", flat=True))
    assert {"raised", "escalated", "answered", "decided"} <= statuses


def test_the_tasks_of_50_ctr_duca_are_tracked_across_departments_and_provinces(users, units):
    ctr50 = Directive.objects.get(symbol="50-CTr/ĐUCA")
    tasks = DirectiveItem.objects.filter(directive=ctr50, kind="task")
    tracked = selectors.group_obligations(users["doingoai"], ctr50)
    assert {str(t.pk) for t in tasks} <= set(tracked["by_source"])
    provinces = units["CA-QUANG-NINH"].parent.children.filter(kind="province").count()
    assert provinces == 34
    widest = max(len(o.tracked_assignments) for o in tracked["obligations"])
    assert widest >= 35  # the lead and all 34 provincial police
    assert all(tracked["counts"][s] > 0 for s in Status.values)
    # The tree page rolls the task groups up.
    c = Client()
    c.force_login(users["doingoai"])
    page = c.get(reverse("tracking:source_tree", args=["instruments.directive", ctr50.pk]))
    assert page.status_code == 200
    groups = [r for r in page.context["rows"] if r["kind"] == "task_group"]
    assert len(groups) == 8 and all(r["percent"] is not None for r in groups)


def test_reports_are_dated_in_the_past_and_a_recurring_duty_has_its_past_periods_done(users):
    quarterly = Obligation.objects.get(title=demo.QUARTERLY_TITLE)
    qn = Assignment.objects.get(obligation=quarterly, unit__code="CA-QUANG-NINH")
    periods = list(selectors.periods_with_status(qn.periods.all()).order_by("due_on"))
    past = [p for p in periods if p.due_on < timezone.localdate()]
    assert len(past) >= 4 and all(p.status in ("done", "done_late") for p in past)
    # The current quarter's report waits for the unit head; nothing is dated in the future.
    assert qn.reports.filter(status="submitted").exists()
    assert not ProgressReport.objects.filter(submitted_on__gt=timezone.localdate()).exists()
    assert ProgressReport.objects.filter(late=True, status="approved").exists()


def test_loading_the_demo_again_creates_nothing():
    before = (Obligation.objects.count(), Assignment.objects.count(), ProgressReport.objects.count())
    counts = demo.load()
    assert set(counts.values()) == {0}
    assert (Obligation.objects.count(), Assignment.objects.count(), ProgressReport.objects.count()) == before
    assert demo.describe()
