from core.api.router import router

from .views import UnitViewSet, UserViewSet

router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
