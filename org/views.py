from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from access.rules import Action
from core.forms import VersionedModelForm
from core.views import BaseObjectView, ObjectViewSet

from . import second_factor, services
from .filters import UnitFilterSet, UserFilterSet
from .forms import UnitForm, UserForm
from .models import RoleRecord, Unit, User


class UnitViews(ObjectViewSet):
    model = Unit
    form_class = UnitForm
    filterset_class = UnitFilterSet
    list_columns = ("code", "name", "kind", "parent")
    column_labels = {"name": _("name")}
    detail_fields = ("code", "name_vi", "name_en", "short_name", "kind", "parent", "sort_order", "is_active")
    ordering_fields = {"code": "code", "name": "sort_key", "kind": "kind", "parent": "parent__name_vi"}
    default_ordering = ""
    select_related = ("parent",)
    url_prefix = "units/"

    @staticmethod
    def create_service(*, actor: Any, data: dict[str, Any]) -> Unit:
        return services.unit_create(actor=actor, data=data)

    @staticmethod
    def update_service(*, actor: Any, obj: Unit, data: dict[str, Any], version: int | None) -> Unit:
        return services.unit_update(actor=actor, unit=obj, data=data, version=version)

    @staticmethod
    def delete_service(*, actor: Any, obj: Unit, version: int | None) -> None:
        services.unit_delete(actor=actor, unit=obj, version=version)


class UserViews(ObjectViewSet):
    model = User
    form_class = UserForm
    filterset_class = UserFilterSet
    list_columns = ("username", "full_name", "unit", "clearance", "roles", "is_active")
    detail_fields = (
        "username",
        "full_name",
        "email",
        "position",
        "unit",
        "clearance",
        "roles",
        "is_active",
        "last_login",
    )
    ordering_fields = {
        "username": "username",
        "full_name": "sort_key",
        "unit": "unit__name_vi",
        "clearance": "clearance",
    }
    select_related = ("unit",)
    prefetch_related = ("roles",)
    url_prefix = "users/"
    object_actions = ((_("Reset second factor"), "org:user_reset_second_factor", Action.CHANGE),)

    @staticmethod
    def create_service(*, actor: Any, data: dict[str, Any]) -> User:
        roles = data.pop("roles", [])
        password = data.pop("password", None)
        return services.user_create(actor=actor, data=data, roles=roles, password=password)

    @staticmethod
    def update_service(*, actor: Any, obj: User, data: dict[str, Any], version: int | None) -> User:
        roles = data.pop("roles", None)
        password = data.pop("password", None)
        user = services.user_update(actor=actor, user=obj, data=data, version=version, roles=roles)
        if password:
            user = services.user_set_password(actor=actor, user=user, password=password)
        return user

    @staticmethod
    def delete_service(*, actor: Any, obj: User, version: int | None) -> None:
        services.user_delete(actor=actor, user=obj, version=version)


class RoleForm(VersionedModelForm):
    class Meta:
        model = RoleRecord
        fields = ("requires_second_factor",)


class RoleViews(ObjectViewSet):
    """Roles and their security policy (second factor required), set by administrators."""

    model = RoleRecord
    form_class = RoleForm
    list_columns = ("code", "requires_second_factor")
    detail_fields = ("code", "requires_second_factor")
    ordering_fields = {"code": "code"}
    url_prefix = "roles/"
    pk_converter = "str"
    # The six roles are fixed: only their policy changes.
    allow_add = False
    allow_delete = False
    update_service = staticmethod(second_factor.role_update)


class UserResetSecondFactorView(BaseObjectView):
    """An administrator removes a user's authenticator (a lost phone); the user sets it up again."""

    viewset = UserViews

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = self.get_object(request, pk)
        self.require(Action.CHANGE, user)
        second_factor.second_factor_remove(actor=request.user, user=user)
        messages.success(request, _("The second factor of this account has been removed."))
        return HttpResponseRedirect(user.get_absolute_url())
