from core.api.router import router

from .views import (
    AgencyViewSet,
    BodyViewSet,
    CountryGroupMemberViewSet,
    CountryGroupViewSet,
    CountryViewSet,
    MembershipViewSet,
    RelationshipViewSet,
)

router.register("countries", CountryViewSet, basename="country")
router.register("bodies", BodyViewSet, basename="body")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("relationships", RelationshipViewSet, basename="relationship")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("country-groups", CountryGroupViewSet, basename="countrygroup")
router.register("country-group-members", CountryGroupMemberViewSet, basename="countrygroupmember")
