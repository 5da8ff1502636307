"""Specs of the events app's business models for the generated tests."""

from __future__ import annotations

import itertools

from core.context import SYSTEM
from core.testing import ModelSpec, register_spec
from events import services
from events.models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal

_n = itertools.count(1)


def make_event(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "type": "incoming",
        "title": f"Đón đoàn đại biểu cảnh sát nước bạn thử nghiệm số {n}",
        "starts_on": "2026-03-10",
        "ends_on": None if "starts_on" in extra else "2026-03-12",
        "level": "province",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.event_create(actor=actor, data=data)


def _event_form(unit, api=False):
    n = next(_n)
    return {
        "type": "training",
        "title": f"Tập huấn công tác đối ngoại thử nghiệm {n}",
        "starts_on": "2026-04-01" if api else "01/04/2026",
        "level": "province",
        "participants_count": 120,
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Event,
        make=make_event,
        form_data=_event_form,
        api_data=lambda unit: _event_form(unit, api=True),
        update_data={"title": "Tập huấn đối ngoại đã sửa"},
        invalid_data={"type": "picnic"},
        search_word="doan dai bieu",
        api_basename="event",
    )
)


def make_programme_item(actor, unit, classification="thuong", **extra):
    event = make_event(SYSTEM, unit, classification)
    return services.programme_item_create(
        actor=actor,
        data={"event": event, "day": "2026-03-10", "title": "Hội đàm chính thức", "place": "Trụ sở", **extra},
    )


def _programme_form(unit, api=False):
    event = make_event(SYSTEM, unit)
    return {
        "event": event.pk,
        "day": "2026-03-11" if api else "11/03/2026",
        "title": "Thăm cửa khẩu quốc tế",
        "place": "Móng Cái",
    }


register_spec(
    ModelSpec(
        model=ProgrammeItem,
        make=make_programme_item,
        form_data=_programme_form,
        api_data=lambda unit: _programme_form(unit, api=True),
        update_data={"title": "Thăm trung tâm huấn luyện"},
        invalid_data={"day": "not-a-date"},
        search_word="hoi dam",
        api_basename="programme-item",
    )
)


def make_participant(actor, unit, classification="thuong", **extra):
    from partners.models import Country

    event = make_event(SYSTEM, unit, classification)
    return services.participant_create(
        actor=actor,
        data={
            "event": event,
            "side": "guest",
            "name": "Somchai Thongdee",
            "title": "Đại tá",
            "agency": "Cảnh sát Hoàng gia",
            "country": Country.objects.get(code="TH"),
            **extra,
        },
    )


def _participant_form(unit):
    event = make_event(SYSTEM, unit)
    return {
        "event": event.pk,
        "side": "ours",
        "name": "Trần Văn Thử",
        "title": "Trung tá",
        "unit": unit.pk,
        "order": 1,
    }


register_spec(
    ModelSpec(
        model=Participant,
        make=make_participant,
        form_data=_participant_form,
        api_data=_participant_form,
        update_data={"title": "Thượng tá"},
        invalid_data={"side": "neutral"},
        search_word="canh sat",
        api_basename="participant",
    )
)


def make_pledge(actor, unit, classification="thuong", **extra):
    event = make_event(SYSTEM, unit, classification)
    return services.pledge_create(
        actor=actor,
        data={
            "event": event,
            "text": "Hai bên trao đổi thông tin về tội phạm ma túy",
            "made_by": "Hai bên",
            **extra,
        },
    )


def _pledge_form(unit, api=False):
    event = make_event(SYSTEM, unit)
    return {
        "event": event.pk,
        "text": "Tổ chức khóa tập huấn chung về điều tra tội phạm mạng",
        "due_hint": "2026-12-31" if api else "31/12/2026",
        "status": "open",
        "order": 1,
    }


register_spec(
    ModelSpec(
        model=Pledge,
        make=make_pledge,
        form_data=_pledge_form,
        api_data=lambda unit: _pledge_form(unit, api=True),
        update_data={"text": "Trao đổi thông tin định kỳ hằng quý"},
        invalid_data={"status": "forgotten"},
        search_word="trao doi",
        api_basename="pledge",
    )
)


def make_conference(actor, unit, classification="thuong", **extra):
    return make_event(actor, unit, classification, type="conference", international_conference=True, **extra)


def make_consultation(actor, unit, classification="thuong", **extra):
    event = make_conference(SYSTEM, unit, classification)
    return services.consultation_create(
        actor=actor,
        data={"event": event, "body": "Bộ Ngoại giao", "consulted_on": "2026-01-20", **extra},
    )


def _consultation_form(unit, api=False):
    event = make_conference(SYSTEM, unit)
    return {
        "event": event.pk,
        "body": "Ban Đối ngoại Trung ương",
        "consulted_on": "2026-01-21" if api else "21/01/2026",
        "answer_days": 15,
    }


register_spec(
    ModelSpec(
        model=Consultation,
        make=make_consultation,
        form_data=_consultation_form,
        api_data=lambda unit: _consultation_form(unit, api=True),
        update_data={"body": "Bộ Ngoại giao (Vụ Lễ tân)"},
        invalid_data={"answer_days": 0},
        search_word="ngoai giao",
        api_basename="consultation",
    )
)


def make_trip(actor, unit, classification="thuong", **extra):
    event = make_event(SYSTEM, unit, classification, type="outgoing", level="province")
    return services.trip_create(
        actor=actor,
        data={
            "event": event,
            "purpose": "Trao đổi kinh nghiệm phòng, chống tội phạm",
            "host": "Cảnh sát nước bạn",
            **extra,
        },
    )


def _trip_form(unit):
    event = make_event(SYSTEM, unit, type="outgoing")
    return {
        "event": event.pk,
        "purpose": "Dự hội thảo khu vực",
        "host": "Ban Thư ký ASEANAPOL",
        "budget_source": "Ngân sách Bộ",
        "in_plan": True,
        "report_days": 15,
    }


register_spec(
    ModelSpec(
        model=TripProposal,
        make=make_trip,
        form_data=_trip_form,
        api_data=_trip_form,
        update_data={"purpose": "Dự hội nghị thường niên"},
        invalid_data={"report_days": 0},
        search_word="trao doi",
        api_basename="delegation",
    )
)


def make_media(actor, unit, classification="thuong", **extra):
    n = next(_n)
    return services.media_create(
        actor=actor,
        data={
            "outlet": "Báo Công an nhân dân",
            "title": f"Tăng cường hợp tác quốc tế phòng, chống tội phạm {n}",
            "published_on": "2026-03-11",
            "platform": "press",
            "owner_unit": unit,
            "classification": classification,
            **extra,
        },
    )


def _media_form(unit, api=False):
    return {
        "outlet": "Truyền hình CAND",
        "title": "Phóng sự về hợp tác đào tạo",
        "url": "https://example.org/phong-su",
        "published_on": "2026-03-12" if api else "12/03/2026",
        "language": "vi",
        "platform": "television",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=MediaItem,
        make=make_media,
        form_data=_media_form,
        api_data=lambda unit: _media_form(unit, api=True),
        update_data={"title": "Phóng sự đã sửa"},
        invalid_data={"platform": "pigeon"},
        search_word="hop tac",
        api_basename="media-item",
    )
)
