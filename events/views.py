"""Events, their programme, people and pledges, trip proposals and media items: generic pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.rules import Action, can
from capacity.models import StaffProfile
from core.attachments import attachments_context
from core.personal import MASK, may_see_personal, record_personal_view
from core.views import ObjectViewSet
from instruments.models import Instrument
from tracking.documents import document_tracking

from . import selectors, services
from .choices import EventType, ParticipantSide, TripStatus
from .filters import (
    ConsultationFilterSet,
    EventFilterSet,
    MediaItemFilterSet,
    ParticipantFilterSet,
    PledgeFilterSet,
    ProgrammeItemFilterSet,
    TripFilterSet,
)
from .forms import (
    ConsultationForm,
    EventForm,
    MediaItemForm,
    ParticipantForm,
    PledgeForm,
    ProgrammeItemForm,
    TripProposalForm,
)
from .models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal


class EventViews(ObjectViewSet):
    model = Event
    form_class = EventForm
    filterset_class = EventFilterSet
    list_columns = ("title", "type", "starts_on", "place", "level", "owner_unit")
    column_labels = {
        "place": _("place"),
        "partners_text": _("partners"),
        "units_text": _("attending units"),
        "participants_text": _("participants"),
    }
    detail_fields = (
        "title",
        "type",
        "starts_on",
        "start_time",
        "ends_on",
        "end_time",
        "place",
        "level",
        "owner_unit",
        "units_text",
        "partners_text",
        "participants_text",
        "capacity_credit",
        "summary",
        "classification",
    )
    ordering_fields = {"title": "title", "type": "type", "starts_on": "starts_on", "level": "level"}
    default_ordering = "-starts_on"
    select_related = ("province", "country", "owner_unit")
    prefetch_related = ("attending_units", "agencies", "countries", "bodies")
    url_prefix = "events/"
    detail_template = "events/event_detail.html"
    create_service = staticmethod(services.event_create)
    update_service = staticmethod(services.event_update)
    delete_service = staticmethod(services.event_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Event) -> dict[str, Any]:
        user = request.user
        tracking = document_tracking(user, obj)
        tracked = tracking["tracked"]
        pledges = list(Pledge.objects.visible_to(user).filter(event=obj).order_by("order", "pk"))
        for pledge in pledges:
            pledge.obligation = tracked(pledge)
        participants = list(
            Participant.objects.visible_to(user)
            .filter(event=obj)
            .select_related("unit", "country", "profile")
            .order_by("side", "order", "pk")
        )
        full = may_see_personal(user, obj)
        # A profile link is shown only when the user may see the profile.
        visible_profiles = set(
            StaffProfile.objects.visible_to(user)
            .filter(pk__in=[p.profile_id for p in participants if p.profile_id])
            .values_list("pk", flat=True)
        )
        if full and participants:
            record_personal_view(user, obj, "page", fields=["participants"])
        for p in participants:
            p.shown_name = p.name if full else MASK
            p.shown_profile = p.profile if p.profile_id in visible_profiles else None
        trip = TripProposal.objects.visible_to(user).filter(event=obj).first()
        today = timezone.localdate()
        consultations = []
        if obj.international_conference:
            consultations = list(
                Consultation.objects.visible_to(user).filter(event=obj).order_by("consulted_on", "pk")
            )
            for c in consultations:
                c.obligation = tracked(c)
        return {
            "consultations": consultations,
            "summary_obligation": tracked(obj) if obj.international_conference else None,
            "programme": ProgrammeItem.objects.visible_to(user)
            .filter(event=obj)
            .order_by("day", "time", "pk"),
            "ours": [p for p in participants if p.side == ParticipantSide.OURS],
            "guests": [p for p in participants if p.side == ParticipantSide.GUEST],
            "pledges": pledges,
            "trip": trip,
            "is_outgoing": obj.type == EventType.OUTGOING,
            "instruments": Instrument.objects.visible_to(user)
            .filter(events=obj)
            .order_by("-signed_on", "pk"),
            "media": MediaItem.objects.visible_to(user).filter(event=obj).order_by("-published_on", "pk"),
            "conference_warning": selectors.conference_warning(obj, today),
            "can_export": can(user, Action.EXPORT, Participant),
            "can_add_child": can(user, Action.ADD, obj),
            **tracking,
            **attachments_context(request, obj),
        }


class ProgrammeItemViews(ObjectViewSet):
    model = ProgrammeItem
    form_class = ProgrammeItemForm
    filterset_class = ProgrammeItemFilterSet
    list_columns = ("day", "time", "title", "place", "event")
    detail_fields = ("event", "day", "time", "title", "place", "notes")
    ordering_fields = {"day": "day", "title": "title"}
    default_ordering = "day"
    select_related = ("event",)
    url_prefix = "programme/"
    create_service = staticmethod(services.programme_item_create)
    update_service = staticmethod(services.programme_item_update)
    delete_service = staticmethod(services.programme_item_delete)


class ParticipantViews(ObjectViewSet):
    """Also the guest list for protocol: filter by event and export (names masked without the right)."""

    model = Participant
    form_class = ParticipantForm
    filterset_class = ParticipantFilterSet
    list_columns = ("name", "title", "agency", "country", "unit", "side", "event")
    detail_fields = (
        "event",
        "side",
        "name",
        "title",
        "unit",
        "agency",
        "country",
        "profile",
        "key_leader",
        "head_of_delegation",
        "order",
    )
    ordering_fields = {"name": "name", "side": "side", "order": "order"}
    default_ordering = "order"
    select_related = ("event__owner_unit", "unit", "country")
    url_prefix = "participants/"
    create_service = staticmethod(services.participant_create)
    update_service = staticmethod(services.participant_update)
    delete_service = staticmethod(services.participant_delete)


class PledgeViews(ObjectViewSet):
    model = Pledge
    form_class = PledgeForm
    filterset_class = PledgeFilterSet
    list_columns = ("text", "made_by", "due_hint", "status", "event")
    detail_fields = ("event", "text", "made_by", "due_hint", "status", "order")
    ordering_fields = {"due_hint": "due_hint", "status": "status"}
    select_related = ("event",)
    url_prefix = "pledges/"
    detail_template = "events/pledge_detail.html"
    create_service = staticmethod(services.pledge_create)
    update_service = staticmethod(services.pledge_update)
    delete_service = staticmethod(services.pledge_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Pledge) -> dict[str, Any]:
        tracking = document_tracking(request.user, obj.event)
        return {**tracking, "obligation": tracking["tracked"](obj)}


class ConsultationViews(ObjectViewSet):
    """Bodies consulted on an international conference held in Vietnam and their answers."""

    model = Consultation
    form_class = ConsultationForm
    filterset_class = ConsultationFilterSet
    list_columns = ("body", "consulted_on", "answer_due_on", "answered_on", "position", "event")
    column_labels = {"answer_due_on": _("answer due on")}
    detail_fields = (
        "event",
        "body",
        "consulted_on",
        "answer_days",
        "answer_due_on",
        "answered_on",
        "position",
        "answer",
    )
    ordering_fields = {"consulted_on": "consulted_on", "answered_on": "answered_on", "body": "body"}
    default_ordering = "consulted_on"
    select_related = ("event",)
    url_prefix = "consultations/"
    detail_template = "events/consultation_detail.html"
    create_service = staticmethod(services.consultation_create)
    update_service = staticmethod(services.consultation_update)
    delete_service = staticmethod(services.consultation_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Consultation) -> dict[str, Any]:
        tracking = document_tracking(request.user, obj.event)
        return {**tracking, "obligation": tracking["tracked"](obj)}


class TripProposalViews(ObjectViewSet):
    model = TripProposal
    form_class = TripProposalForm
    filterset_class = TripFilterSet
    list_columns = ("event", "host", "status", "in_plan", "returned_on")
    detail_fields = (
        "event",
        "purpose",
        "host",
        "programme",
        "budget_source",
        "in_plan",
        "status",
        "approved_on",
        "returned_on",
        "report_days",
    )
    ordering_fields = {"status": "status", "returned_on": "returned_on", "event": "event__starts_on"}
    select_related = ("event", "event__owner_unit", "event__country")
    url_prefix = "delegations/"
    detail_template = "events/trip_detail.html"
    create_service = staticmethod(services.trip_create)
    update_service = staticmethod(services.trip_update)
    delete_service = staticmethod(services.trip_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: TripProposal) -> dict[str, Any]:
        user = request.user
        tracking = document_tracking(user, obj.event)
        return {
            **tracking,
            "warnings": selectors.trip_warnings(user=user, trip=obj),
            "report_obligation": tracking["tracked"](obj),
            "passport_obligation": tracking["tracked"](obj.event),
            "can_approve": obj.status == TripStatus.PROPOSAL and can(user, Action.APPROVE, obj),
            "can_return": obj.status == TripStatus.APPROVED and can(user, Action.CHANGE, obj),
            "today": timezone.localdate(),
        }


class MediaItemViews(ObjectViewSet):
    model = MediaItem
    form_class = MediaItemForm
    filterset_class = MediaItemFilterSet
    list_columns = ("published_on", "title", "outlet", "platform", "language", "event")
    detail_fields = (
        "title",
        "outlet",
        "url",
        "published_on",
        "language",
        "platform",
        "event",
        "countries",
        "agencies",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"published_on": "published_on", "outlet": "outlet", "platform": "platform"}
    default_ordering = "-published_on"
    select_related = ("event",)
    prefetch_related = ("countries", "agencies")
    url_prefix = "media/"
    create_service = staticmethod(services.media_create)
    update_service = staticmethod(services.media_update)
    delete_service = staticmethod(services.media_delete)
