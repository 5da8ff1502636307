import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS

from .choices import ExtractionStatus
from .models import Article


class ArticleFilterSet(django_filters.FilterSet):
    source_name = django_filters.CharFilter(label=_("source"), lookup_expr="icontains")
    extraction_status = django_filters.ChoiceFilter(label=_("extraction"), choices=ExtractionStatus.choices)
    published_from = django_filters.DateFilter(
        label=_("from (dd/mm/yyyy)"), field_name="published_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    published_to = django_filters.DateFilter(
        label=_("until (dd/mm/yyyy)"),
        field_name="published_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
    )

    class Meta:
        model = Article
        fields = (
            "source_name",
            "extraction_status",
            "published_from",
            "published_to",
            "owner_unit",
            "classification",
        )
