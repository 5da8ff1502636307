"""The tracking engine's models in the registry (generic views, API, generated tests)."""

from access.choices import Role
from access.registry import register_model

from .models import Assignment, CalendarDay, Obligation, Obstacle, ProgressReport

register_model(Obligation, namespace="tracking")
register_model(Assignment, namespace="tracking")
register_model(ProgressReport, namespace="tracking", api_basename="progress-report")
register_model(Obstacle, namespace="tracking")
register_model(
    CalendarDay,
    kind="reference",
    namespace="tracking",
    api_basename="calendar-day",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)
