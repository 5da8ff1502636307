from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.paging import CappedPaginator


class StandardPagination(PageNumberPagination):
    """Page-number pages whose ``count`` stops at ``core.paging.CAP`` (``count_capped`` then
    says there are more): counting a million visible rows would cost more than the page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedPaginator

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
