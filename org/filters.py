import django_filters
from django.utils.translation import gettext_lazy as _

from access.choices import Classification, Role

from .models import Unit, UnitKind, User


class UnitFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=UnitKind.choices)
    parent = django_filters.ModelChoiceFilter(
        label=_("Parent unit"), queryset=Unit.objects.filter(depth__lte=1)
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Unit
        fields = ("kind", "parent", "is_active")


class UserFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    clearance = django_filters.ChoiceFilter(label=_("Classification"), choices=Classification.choices)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, field_name="roles__code")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ("unit", "clearance", "role", "is_active")
