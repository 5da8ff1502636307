"""The capacity module's models in the registry (generic views, API, generated tests)."""

from access.choices import Role
from access.registry import register_model

from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile

register_model(StaffProfile, namespace="capacity", api_basename="staff-profile")
register_model(LanguageSkill, namespace="capacity", api_basename="language-skill")
register_model(Qualification, namespace="capacity", api_basename="qualification")
register_model(Posting, namespace="capacity", api_basename="posting")
# Only coordinators (Cục Đối ngoại) define the criterion.
register_model(
    CapacityDefinition,
    kind="reference",
    namespace="capacity",
    api_basename="capacity-definition",
    editor_roles=(Role.COORDINATOR,),
)
