from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action, can
from core.api.views import BusinessAPIViewSet
from core.dates import DATE_FORMATS
from partners.filters import GroupFilterMixin, group_filter
from tracking.models import Obligation

from .. import selectors, services
from ..filters import EventFilterSet
from ..models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal
from ..views import (
    ConsultationViews,
    EventViews,
    MediaItemViews,
    ParticipantViews,
    PledgeViews,
    ProgrammeItemViews,
    TripProposalViews,
)
from .serializers import (
    ConsultationSerializer,
    EventSerializer,
    MediaItemSerializer,
    ParticipantSerializer,
    PledgeSerializer,
    ProgrammeItemSerializer,
    TripProposalSerializer,
    TripReturnSerializer,
    VersionSerializer,
)


class EventAPIFilter(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    group_date_fields = ("starts_to", "starts_from")
    starts_from = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    starts_to = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", input_formats=DATE_FORMATS
    )
    agency = django_filters.NumberFilter(field_name="agencies")
    body = django_filters.NumberFilter(field_name="bodies")
    country = django_filters.NumberFilter(field_name="countries")

    class Meta:
        model = Event
        fields = ("type", "level", "owner_unit", "international_conference")

    filter_countries = EventFilterSet.filter_countries


class EventViewSet(BusinessAPIViewSet):
    """Events and delegations; filters: type, level, owner_unit, starts_from/to, agency, body, country,
    group (country group id)."""

    model = Event
    queryset = Event.objects.none()
    serializer_class = EventSerializer
    filterset_class = EventAPIFilter
    prefetch_related = ("attending_units", "agencies", "countries", "bodies", "instruments_signed")
    ordering_fields = ("id", "starts_on", "title")
    create_service = staticmethod(EventViews.create_service)
    update_service = staticmethod(EventViews.update_service)
    delete_service = staticmethod(EventViews.delete_service)


class ProgrammeItemViewSet(BusinessAPIViewSet):
    model = ProgrammeItem
    queryset = ProgrammeItem.objects.none()
    serializer_class = ProgrammeItemSerializer
    filterset_fields = ("event",)
    ordering_fields = ("id", "day")
    create_service = staticmethod(ProgrammeItemViews.create_service)
    update_service = staticmethod(ProgrammeItemViews.update_service)
    delete_service = staticmethod(ProgrammeItemViews.delete_service)


class ParticipantViewSet(BusinessAPIViewSet):
    """People at events: our staff and foreign guests (names masked without the personal-data right)."""

    model = Participant
    queryset = Participant.objects.none()
    serializer_class = ParticipantSerializer
    # The personal-data rule reads the event's owner unit for each row.
    select_related = ("event__owner_unit",)
    filterset_fields = ("event", "side", "country", "profile")
    ordering_fields = ("id", "order")
    create_service = staticmethod(ParticipantViews.create_service)
    update_service = staticmethod(ParticipantViews.update_service)
    delete_service = staticmethod(ParticipantViews.delete_service)


class PledgeViewSet(BusinessAPIViewSet):
    """Pledges made at events; POST .../track/ makes one an obligation of the tracking engine."""

    model = Pledge
    queryset = Pledge.objects.none()
    serializer_class = PledgeSerializer
    filterset_fields = ("event", "status")
    ordering_fields = ("id", "due_hint")
    create_service = staticmethod(PledgeViews.create_service)
    update_service = staticmethod(PledgeViews.update_service)
    delete_service = staticmethod(PledgeViews.delete_service)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def track(self, request: Request, pk: str | None = None) -> Response:
        """Track the pledge as an obligation (once); answers the obligation's id."""
        pledge = self.get_object()
        if not can(request.user, Action.ADD, Obligation):
            raise exceptions.PermissionDenied()
        obligation = services.pledge_track(actor=request.user, pledge=pledge)
        return Response({"obligation": obligation.pk, "url": obligation.get_absolute_url()})


class ConsultationViewSet(BusinessAPIViewSet):
    """Bodies consulted on an international conference held in Vietnam; each answer (15 days) is
    a tracked obligation, completed when ``answered_on`` is recorded."""

    model = Consultation
    queryset = Consultation.objects.none()
    serializer_class = ConsultationSerializer
    filterset_fields = ("event", "position")
    select_related = ("event",)
    ordering_fields = ("id", "consulted_on", "answered_on")
    create_service = staticmethod(ConsultationViews.create_service)
    update_service = staticmethod(ConsultationViews.update_service)
    delete_service = staticmethod(ConsultationViews.delete_service)


class TripProposalViewSet(BusinessAPIViewSet):
    """Outgoing delegations' proposals; actions: warnings, approve, return."""

    model = TripProposal
    queryset = TripProposal.objects.none()
    serializer_class = TripProposalSerializer
    filterset_fields = ("status", "in_plan", "event")
    select_related = ("event",)
    ordering_fields = ("id", "returned_on")
    create_service = staticmethod(TripProposalViews.create_service)
    update_service = staticmethod(TripProposalViews.update_service)
    delete_service = staticmethod(TripProposalViews.delete_service)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def warnings(self, request: Request, pk: str | None = None) -> Response:
        """A leader's third trip in the year, two key leaders of one unit, a trip outside the plan."""
        trip = self.get_object()
        return Response({"warnings": selectors.trip_warnings(user=request.user, trip=trip)})

    @extend_schema(request=VersionSerializer, responses=TripProposalSerializer)
    @action(detail=True, methods=["post"], serializer_class=VersionSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        trip = self.get_object()
        self.require(Action.APPROVE, trip)
        body = VersionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.trip_approve(actor=request.user, obj=trip, version=body.validated_data["version"])
        return self._answer(saved)

    @extend_schema(request=TripReturnSerializer, responses=TripProposalSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        url_name="return",
        serializer_class=TripReturnSerializer,
    )
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Record the return: the report and passports duties become tracked obligations."""
        trip = self.get_object()
        self.require(Action.CHANGE, trip)
        body = TripReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.trip_return(
            actor=request.user,
            obj=trip,
            version=body.validated_data["version"],
            returned_on=body.validated_data["returned_on"],
        )
        return self._answer(saved)

    def _answer(self, trip: Any) -> Response:
        fresh = self.get_queryset().get(pk=trip.pk)
        return Response(TripProposalSerializer(fresh, context=self.get_serializer_context()).data)


class MediaItemViewSet(BusinessAPIViewSet):
    """Media coverage of foreign outreach; filters: platform, language, event."""

    model = MediaItem
    queryset = MediaItem.objects.none()
    serializer_class = MediaItemSerializer
    filterset_fields = ("platform", "language", "event")
    prefetch_related = ("countries", "agencies")
    ordering_fields = ("id", "published_on")
    create_service = staticmethod(MediaItemViews.create_service)
    update_service = staticmethod(MediaItemViews.update_service)
    delete_service = staticmethod(MediaItemViews.delete_service)
