"""The partner registry's lists, details and forms (generic views over the services)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.views import ObjectViewSet

from . import selectors, services
from .filters import (
    AgencyFilterSet,
    BodyFilterSet,
    CountryFilterSet,
    CountryGroupFilterSet,
    CountryGroupMemberFilterSet,
    MembershipFilterSet,
    RelationshipFilterSet,
)
from .forms import (
    AgencyForm,
    BodyForm,
    CountryForm,
    CountryGroupForm,
    CountryGroupMemberForm,
    MembershipForm,
    RelationshipForm,
)
from .models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)
from .profiles import profile_sections


class CountryViews(ObjectViewSet):
    model = Country
    form_class = CountryForm
    filterset_class = CountryFilterSet
    list_columns = ("name", "code", "alpha3", "region")
    column_labels = {"name": _("name")}
    detail_fields = ("name_vi", "name_en", "code", "alpha3", "numeric", "region")
    ordering_fields = {"name": "sort_key", "code": "code", "region": "region"}
    default_ordering = "name"
    url_prefix = "countries/"
    allow_add = False
    allow_delete = False
    update_service = staticmethod(services.country_update)
    detail_template = "partners/country_profile.html"

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Country) -> dict[str, Any]:
        day = timezone.localdate()
        return {
            "today": day,
            "sections": profile_sections(request, obj),
            **selectors.country_summary(user=request.user, country=obj, day=day),
        }


class BodyViews(ObjectViewSet):
    model = MultilateralBody
    form_class = BodyForm
    filterset_class = BodyFilterSet
    list_columns = ("name", "acronym", "kind", "scope")
    column_labels = {"name": _("name")}
    detail_fields = ("name_vi", "name_en", "acronym", "kind", "scope", "website", "notes")
    ordering_fields = {"name": "sort_key", "acronym": "acronym", "kind": "kind", "scope": "scope"}
    default_ordering = "name"
    url_prefix = "bodies/"
    detail_template = "partners/body_profile.html"

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: MultilateralBody) -> dict[str, Any]:
        memberships = (
            Membership.objects.visible_to(request.user)
            .filter(body=obj)
            .select_related("owner_unit")
            .order_by("start", "pk")
        )
        return {
            "memberships": memberships,
            "today": timezone.localdate(),
            "sections": profile_sections(request, obj),
        }

    create_service = staticmethod(services.body_create)
    update_service = staticmethod(services.body_update)
    delete_service = staticmethod(services.body_delete)


class AgencyViews(ObjectViewSet):
    model = ForeignAgency
    form_class = AgencyForm
    filterset_class = AgencyFilterSet
    list_columns = ("name", "acronym", "country", "kind", "classification")
    column_labels = {"name": _("name")}
    detail_fields = (
        "name_vi",
        "name_en",
        "name_original",
        "acronym",
        "country",
        "kind",
        "parent",
        "website",
        "notes",
        "owner_unit",
        "classification",
    )
    ordering_fields = {
        "name": "name_vi",
        "acronym": "acronym",
        "country": "country__sort_key",
        "kind": "kind",
    }
    select_related = ("country", "owner_unit", "parent")
    url_prefix = "agencies/"
    detail_template = "partners/agency_profile.html"

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: ForeignAgency) -> dict[str, Any]:
        return {
            "timeline": selectors.agency_timeline(user=request.user, agency=obj),
            "today": timezone.localdate(),
        }

    @staticmethod
    def create_service(*, actor: Any, data: dict[str, Any]) -> ForeignAgency:
        confirm = data.pop("confirm_duplicate", False)
        return services.agency_create(actor=actor, data=data, confirm_duplicate=confirm)

    @staticmethod
    def update_service(
        *, actor: Any, obj: ForeignAgency, data: dict[str, Any], version: int | None
    ) -> ForeignAgency:
        confirm = data.pop("confirm_duplicate", False)
        return services.agency_update(
            actor=actor, obj=obj, data=data, version=version, confirm_duplicate=confirm
        )

    delete_service = staticmethod(services.agency_delete)


class RelationshipViews(ObjectViewSet):
    model = Relationship
    form_class = RelationshipForm
    filterset_class = RelationshipFilterSet
    list_columns = ("agency", "owner_unit", "start", "end", "level", "channel_labels")
    column_labels = {"channel_labels": _("channels")}
    detail_fields = (
        "agency",
        "owner_unit",
        "start",
        "end",
        "level",
        "channel_labels",
        "responsible_units",
        "notes",
        "classification",
    )
    ordering_fields = {
        "agency": "agency__name_vi",
        "owner_unit": "owner_unit__sort_key",
        "start": "start",
        "end": "end",
        "level": "level",
    }
    default_ordering = "-start"
    select_related = ("agency", "agency__country", "owner_unit")
    prefetch_related = ("responsible_units",)
    url_prefix = "relationships/"
    create_service = staticmethod(services.relationship_create)
    update_service = staticmethod(services.relationship_update)
    delete_service = staticmethod(services.relationship_delete)


class MembershipViews(ObjectViewSet):
    model = Membership
    form_class = MembershipForm
    filterset_class = MembershipFilterSet
    list_columns = ("body", "owner_unit", "start", "end", "status")
    detail_fields = (
        "body",
        "owner_unit",
        "start",
        "end",
        "status",
        "responsible_units",
        "notes",
        "classification",
    )
    ordering_fields = {"body": "body__sort_key", "start": "start", "end": "end", "status": "status"}
    default_ordering = "-start"
    select_related = ("body", "owner_unit")
    prefetch_related = ("responsible_units",)
    url_prefix = "memberships/"
    create_service = staticmethod(services.membership_create)
    update_service = staticmethod(services.membership_update)
    delete_service = staticmethod(services.membership_delete)


class CountryGroupViews(ObjectViewSet):
    model = CountryGroup
    form_class = CountryGroupForm
    filterset_class = CountryGroupFilterSet
    list_columns = ("name", "kind", "source")
    column_labels = {"name": _("name")}
    detail_fields = ("name_vi", "name_en", "kind", "body", "source", "notes")
    ordering_fields = {"name": "sort_key", "kind": "kind"}
    default_ordering = "name"
    url_prefix = "groups/"
    detail_template = "partners/group_detail.html"
    create_service = staticmethod(services.group_create)
    update_service = staticmethod(services.group_update)
    delete_service = staticmethod(services.group_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: CountryGroup) -> dict[str, Any]:
        today = timezone.localdate()
        members = list(obj.members.select_related("country").order_by("joined_on", "country__sort_key", "pk"))
        current = set(selectors.group_country_ids(obj, today).values_list("country_id", flat=True))
        for m in members:
            m.current = m.country_id in current
        return {"members": members, "today": today, "current_count": len(current)}


class CountryGroupMemberViews(ObjectViewSet):
    model = CountryGroupMember
    form_class = CountryGroupMemberForm
    filterset_class = CountryGroupMemberFilterSet
    list_columns = ("group", "country", "joined_on", "left_on")
    detail_fields = ("group", "country", "joined_on", "left_on", "source")
    ordering_fields = {
        "group": "group__sort_key",
        "country": "country__sort_key",
        "joined_on": "joined_on",
        "left_on": "left_on",
    }
    default_ordering = "group"
    url_prefix = "group-members/"
    select_related = ("group", "country")
    create_service = staticmethod(services.group_member_create)
    update_service = staticmethod(services.group_member_update)
    delete_service = staticmethod(services.group_member_delete)
