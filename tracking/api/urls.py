from core.api.router import router

from .coverage import CommitmentViewSet
from .views import (
    AssignmentViewSet,
    CalendarDayViewSet,
    NotificationViewSet,
    ObligationViewSet,
    ObstacleViewSet,
    ProgressReportViewSet,
)

router.register("obligations", ObligationViewSet, basename="obligation")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("obstacles", ObstacleViewSet, basename="obstacle")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("calendar-days", CalendarDayViewSet, basename="calendar-day")
router.register("commitments", CommitmentViewSet, basename="commitment")
