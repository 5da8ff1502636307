"""Our staff at events link to their capacity profiles: the profile lists the events attended,
and a training marked with a capacity credit counts toward the criterion from its last day
(hand-built cases in capacity's test subtree, with definitions far in the future)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from capacity import selectors
from capacity.choices import Criterion
from capacity.tests.conftest import D, leader
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.personal import MASK
from core.testing import count_queries, make_user
from events import services
from events.models import Participant
from events.tests.specs import make_event

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def figure(user, unit, day):
    return selectors.indicator(user=user, as_of=day, unit=unit, trend_from=day.year)


def training(unit, *, credit="intl_law", starts="2040-03-10", ends="2040-03-14", type="training", **extra):
    return make_event(
        SYSTEM,
        unit,
        type=type,
        starts_on=D.fromisoformat(starts),
        ends_on=D.fromisoformat(ends) if ends else None,
        capacity_credit=credit,
        **extra,
    )


def attend(event, profile, **extra):
    return services.participant_create(
        actor=SYSTEM, data={"event": event, "side": "ours", "name": "", "profile": profile, **extra}
    )


def test_an_international_law_training_counts_from_its_last_day(tree, definitions, users):
    """Without law training the leader is one criterion short; attending a training credited as
    international law makes them meet the criterion from the training's last day, not before."""
    profile = leader(tree["top"], law=None)
    user = users["doingoai"]
    attend(training(tree["top"]), profile)
    assert figure(user, tree["top"], D(2040, 3, 13))["leaders_meeting"] == 0
    gaps = selectors.gaps(user=user, as_of=D(2040, 3, 13), unit=tree["top"])
    assert [(r["profile"].pk, r["missing"]) for r in gaps["one_short"]] == [
        (profile.pk, Criterion.LAW_OR_POSTING)
    ]
    assert figure(user, tree["top"], D(2040, 3, 14))["leaders_meeting"] == 1
    assert selectors.gaps(user=user, as_of=D(2040, 3, 14), unit=tree["top"])["one_short"] == []


def test_a_one_day_training_counts_from_its_only_day_and_a_technology_credit_fills_that_part(
    tree, definitions, users
):
    """No end date: the start is the last day; a technology credit fills the tech-or-cyber part."""
    profile = leader(tree["top"], tech=None)
    attend(training(tree["top"], credit="technology", starts="2040-05-02", ends=None), profile)
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2040, 5, 1))["leaders_meeting"] == 0
    assert figure(user, tree["top"], D(2040, 5, 2))["leaders_meeting"] == 1


def test_what_does_not_count(tree, definitions, users, units):
    """A training without credit, a participant without profile, a guest: nothing counts."""
    profile = leader(tree["top"], law=None)
    attend(training(tree["top"], credit=""), profile)
    services.participant_create(
        actor=SYSTEM,
        data={"event": training(tree["top"]), "side": "ours", "name": profile.full_name, "unit": tree["top"]},
    )
    assert figure(users["doingoai"], tree["top"], D(2040, 6, 1))["leaders_meeting"] == 0
    # Only a training carries a credit; only our staff have a profile.
    with pytest.raises(ValidationError):
        training(tree["top"], type="conference")
    with pytest.raises(ValidationError):
        services.participant_create(
            actor=SYSTEM,
            data={"event": training(tree["top"]), "side": "guest", "name": "Khách", "profile": profile},
        )


def test_a_training_hidden_from_the_user_does_not_count_for_them(tree, definitions, users, units):
    """Aggregates count only visible records: a Tối mật training counts for a coordinator with
    that clearance, not for a Quảng Ninh officer (Mật) who sees the profile."""
    profile = leader(tree["top"], law=None)
    attend(training(tree["top"], classification="toi_mat"), profile)
    assert figure(users["doingoai"], tree["top"], D(2040, 6, 1))["leaders_meeting"] == 1
    assert figure(users["qninh"], tree["top"], D(2040, 6, 1))["leaders_meeting"] == 0


def test_the_indicator_queries_stay_constant_with_more_trainings(tree, definitions, users):
    """One query for the trainings attended, whatever their number."""
    user = users["doingoai"]
    attend(training(tree["top"]), leader(tree["top"], law=None))
    figure(user, tree["top"], D(2040, 6, 1))
    small = count_queries(lambda: figure(user, tree["top"], D(2040, 6, 1)), cold=True)
    for _ in range(4):
        attend(training(tree["team"]), leader(tree["team"], law=None))
    assert count_queries(lambda: figure(user, tree["top"], D(2040, 6, 1)), cold=True) == small
    assert figure(user, tree["top"], D(2040, 6, 1))["leaders_meeting"] == 5


def test_the_profile_page_lists_the_events_attended_and_the_event_links_the_profile(tree, definitions, users):
    """The profile shows the training with its credit; the event page links the profile; the
    participant took the profile's name and unit."""
    profile = leader(tree["top"], law=None)
    event = training(tree["top"], title="Tập huấn luật pháp quốc tế (hồ sơ cán bộ)")
    participant = attend(event, profile)
    assert participant.name == profile.full_name and participant.unit == profile.owner_unit
    c = client_for(users["doingoai"])
    page = c.get(profile.get_absolute_url()).content.decode()
    assert 'data-testid="attended"' in page and event.title in page and 'data-testid="credit"' in page
    event_page = c.get(event.get_absolute_url()).content.decode()
    assert profile.get_absolute_url() in event_page
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    rows = api.get(reverse("api:staff-profile-attended", args=[profile.pk])).json()["results"]
    assert [(r["title"], r["day"]) for r in rows] == [(event.title, "2040-03-10")] and rows[0]["credit"]
    # A viewer without the personal-data right sees no name on the event page.
    assert profile.full_name not in client_for(users["khach"]).get(event.get_absolute_url()).content.decode()


def test_the_participant_form_and_api_link_a_visible_profile_only(tree, definitions, users, units):
    """The form takes a profile instead of a name; the API refuses a profile the user cannot see."""
    profile = leader(tree["top"], law=None)
    event = training(tree["top"])
    c = client_for(users["qninh"])
    response = c.post(
        reverse("events:participant_add"),
        {"event": event.pk, "side": "ours", "name": "", "profile": profile.pk, "order": 0},
    )
    assert response.status_code == 302
    assert Participant.objects.get(event=event, profile=profile).name == profile.full_name
    empty = c.post(
        reverse("events:participant_add"), {"event": event.pk, "side": "ours", "name": "", "order": 0}
    )
    assert empty.status_code == 400 and Participant.objects.filter(event=event).count() == 1
    hanoi = leader(units["CA-HA-NOI"], law=None)
    api = APIClient()
    api.force_authenticate(users["qninh"])
    refused = api.post(
        reverse("api:participant-list"),
        {"event": event.pk, "side": "ours", "profile": hanoi.pk},
        format="json",
    )
    assert refused.status_code == 400 and "profile" in refused.json()["error"]["fields"]
    ok = api.post(
        reverse("api:participant-list"),
        {"event": event.pk, "side": "ours", "profile": profile.pk},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["profile"] == profile.pk
    viewer = APIClient()
    viewer.force_authenticate(make_user(units["CA-QUANG-NINH"], "viewer", "mat"))
    rows = viewer.get(reverse("api:participant-list"), {"profile": profile.pk}).json()["results"]
    assert rows and all(r["name"] == MASK for r in rows)


def test_the_demo_training_of_14_11_2025_counts_for_its_linked_staff(users):
    """The demo's training conference closing 14/11/2025 is credited as international law; its
    linked Quảng Ninh leader meets the criterion from that day."""
    from capacity.models import StaffProfile

    profile = StaffProfile.objects.get(staff_code="SK-QN-003")
    assert Participant.objects.filter(profile=profile, event__starts_on=D(2025, 11, 14)).exists()
    user = users["doingoai"]
    unit = profile.owner_unit
    leaders = {r.pk: r for r in selectors.load_leaders(user, unit)}
    definition = selectors.definition_for(selectors.definitions(user), D(2025, 11, 14))
    assert selectors.missing_criteria(leaders[profile.pk], definition, D(2025, 11, 13)) == [
        Criterion.LAW_OR_POSTING
    ]
    assert selectors.missing_criteria(leaders[profile.pk], definition, D(2025, 11, 14)) == []
