from core.api.router import router

from .indicator import CapacityIndicatorViewSet
from .views import (
    CapacityDefinitionViewSet,
    LanguageSkillViewSet,
    PostingViewSet,
    QualificationViewSet,
    StaffProfileViewSet,
)

router.register("staff-profiles", StaffProfileViewSet, basename="staff-profile")
router.register("language-skills", LanguageSkillViewSet, basename="language-skill")
router.register("qualifications", QualificationViewSet, basename="qualification")
router.register("postings", PostingViewSet, basename="posting")
router.register("capacity-definitions", CapacityDefinitionViewSet, basename="capacity-definition")
router.register("capacity", CapacityIndicatorViewSet, basename="capacity")
