"""The API's filter backend: filters by a linked record accept only records the caller sees."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend

from core.forms import restrict_link_choices


class VisibleFilterBackend(DjangoFilterBackend):
    """``?legal_basis=<id>`` of a record the caller may not see is refused like a missing id,
    so a filter cannot tell which visible records link to a hidden one."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            restrict_link_choices(filterset.form, request.user)
        return filterset
