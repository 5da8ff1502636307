from core.api.router import router

from .views import (
    ClauseViewSet,
    DirectiveItemViewSet,
    DirectiveViewSet,
    InstrumentViewSet,
    PartyActionViewSet,
    SigningPlanViewSet,
    StageRuleViewSet,
    StageViewSet,
)

router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("clauses", ClauseViewSet, basename="clause")
router.register("directives", DirectiveViewSet, basename="directive")
router.register("directive-items", DirectiveItemViewSet, basename="directive-item")
router.register("instrument-stages", StageViewSet, basename="stage")
router.register("signing-plans", SigningPlanViewSet, basename="signing-plan")
router.register("party-actions", PartyActionViewSet, basename="party-action")
router.register("stage-rules", StageRuleViewSet, basename="stage-rule")
