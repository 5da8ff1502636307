from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.paging import CappedPaginator

from .params import MAX_INT, whole_number


class StandardPagination(PageNumberPagination):
    """Page-number pages whose ``count`` stops at ``core.paging.CAP`` (``count_capped`` then
    says there are more): counting a million visible rows would cost more than the page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedPaginator

    def get_page_size(self, request: Any) -> int:
        """``page_size`` from 1 to 500; anything else is a 400, not the default in silence."""
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        return whole_number(raw, self.page_size_query_param, low=1, high=self.max_page_size)

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        raw = request.query_params.get(self.page_query_param, "")
        if raw == "" or raw in self.last_page_strings:
            return raw or 1
        return whole_number(raw, self.page_query_param, low=1, high=MAX_INT)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            schema["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                schema["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Records per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when there are more records than count says (count stops at 10,000).",
        }
        result["required"] = [*result.get("required", []), "count_capped"]
        return result
