from __future__ import annotations

import django_filters

from core.api.views import ObjectAPIViewSet

from ..filters import UnitFilterSet
from ..models import Unit, User
from ..views import UnitViews, UserViews
from .serializers import UnitSerializer, UserSerializer


class UnitAPIFilter(UnitFilterSet):
    parent = django_filters.NumberFilter(field_name="parent")


class UnitViewSet(ObjectAPIViewSet):
    """Units of the Ministry: a tree; readable by every signed-in user."""

    model = Unit
    queryset = Unit.objects.none()
    serializer_class = UnitSerializer
    filterset_class = UnitAPIFilter
    select_related = ()
    ordering_fields = ("id", "code", "name_vi", "sort_order", "path")
    create_service = staticmethod(UnitViews.create_service)
    update_service = staticmethod(UnitViews.update_service)
    delete_service = staticmethod(UnitViews.delete_service)


class UserFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(field_name="unit")
    role = django_filters.CharFilter(field_name="roles__code")

    class Meta:
        model = User
        fields = ("unit", "clearance", "is_active")


class UserViewSet(ObjectAPIViewSet):
    """User accounts: names are readable by every signed-in user; administrators manage them."""

    model = User
    queryset = User.objects.none()
    serializer_class = UserSerializer
    filterset_class = UserFilter
    prefetch_related = ("roles",)
    ordering_fields = ("id", "username", "full_name")
    create_service = staticmethod(UserViews.create_service)
    update_service = staticmethod(UserViews.update_service)
    delete_service = staticmethod(UserViews.delete_service)
