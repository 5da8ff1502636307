"""The API's filter backend: filters by a linked record accept only records the caller sees."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend

from core.forms import restrict_link_choices

from .params import check_filter_numbers


class VisibleFilterBackend(DjangoFilterBackend):
    """``?legal_basis=<id>`` of a record the caller may not see is refused like a missing id,
    so a filter cannot tell which visible records link to a hidden one."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            check_filter_numbers(filterset)
            restrict_link_choices(filterset.form, request.user)
        return filterset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The filters, plus ``q`` and ``ordering`` where the viewset reads them."""
        parameters = super().get_schema_operation_parameters(view)
        names = {p["name"] for p in parameters}
        model = getattr(view, "model", None)
        if model is not None and "q" not in names and getattr(view, "reads_search_text", lambda: False)():
            parameters.append(
                {
                    "name": "q",
                    "required": False,
                    "in": "query",
                    "description": "Words that every record found contains (accents and case ignored).",
                    "schema": {"type": "string"},
                }
            )
        fields = (*getattr(view, "ordering_fields", ()), *getattr(view, "derived_ordering", ()))
        if fields and "ordering" not in names:
            parameters.append(
                {
                    "name": "ordering",
                    "required": False,
                    "in": "query",
                    "description": "Sort by this field; a leading '-' sorts descending.",
                    "schema": {"type": "string", "enum": [v for f in fields for v in (f, "-" + f)]},
                }
            )
        return parameters
