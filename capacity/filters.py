import django_filters
from django.utils.translation import gettext_lazy as _

from .models import StaffProfile


class StaffProfileFilterSet(django_filters.FilterSet):
    is_leader = django_filters.BooleanFilter(label=_("leader or commander post"))

    class Meta:
        model = StaffProfile
        fields = ("owner_unit", "is_leader", "classification")
