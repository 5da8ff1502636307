"""Agencies, relationships and memberships are business records; countries and bodies reference data."""

from access.choices import Role
from access.registry import register_model

from .models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)

REFERENCE_EDITORS = (Role.ADMINISTRATOR, Role.COORDINATOR)

register_model(Country, kind="reference", namespace="partners", editor_roles=REFERENCE_EDITORS)
register_model(
    MultilateralBody,
    kind="reference",
    namespace="partners",
    api_basename="body",
    editor_roles=REFERENCE_EDITORS,
)
register_model(ForeignAgency, namespace="partners", api_basename="agency")
register_model(Relationship, namespace="partners", api_basename="relationship")
register_model(Membership, namespace="partners", api_basename="membership")
register_model(
    CountryGroup,
    kind="reference",
    namespace="partners",
    api_basename="countrygroup",
    editor_roles=REFERENCE_EDITORS,
)
register_model(
    CountryGroupMember,
    kind="reference",
    namespace="partners",
    api_basename="countrygroupmember",
    editor_roles=REFERENCE_EDITORS,
)
