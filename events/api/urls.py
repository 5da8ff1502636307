"""API routes of the events app (registered on core.api.router.router)."""

from core.api.router import router

from .views import (
    ConsultationViewSet,
    EventViewSet,
    MediaItemViewSet,
    ParticipantViewSet,
    PledgeViewSet,
    ProgrammeItemViewSet,
    TripProposalViewSet,
)

router.register("events", EventViewSet, basename="event")
router.register("programme-items", ProgrammeItemViewSet, basename="programme-item")
router.register("participants", ParticipantViewSet, basename="participant")
router.register("pledges", PledgeViewSet, basename="pledge")
router.register("delegations", TripProposalViewSet, basename="delegation")
router.register("consultations", ConsultationViewSet, basename="consultation")
router.register("media-items", MediaItemViewSet, basename="media-item")
