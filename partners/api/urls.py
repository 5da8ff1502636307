from core.api.router import router

from .views import AgencyViewSet, BodyViewSet, CountryViewSet, MembershipViewSet, RelationshipViewSet

router.register("countries", CountryViewSet, basename="country")
router.register("bodies", BodyViewSet, basename="body")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("relationships", RelationshipViewSet, basename="relationship")
router.register("memberships", MembershipViewSet, basename="membership")
