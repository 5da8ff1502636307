"""``/api/schema/``: the committed OpenAPI file, for signed-in users only.

Building the schema costs seconds of CPU and 1.4 MB per request; served to anyone it let
eight anonymous requests stall the login page for half a minute. The file in
``docs/api/openapi.yaml`` is the schema (a test fails when it drifts from the code), so it is
read once per process and served as it is (YAML, or JSON with ``?format=json`` or an
``Accept`` asking for JSON).
"""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml
from django.http import HttpResponse
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from .schema import SCHEMA_PATH


@functools.cache
def schema_yaml() -> bytes:
    return SCHEMA_PATH.read_bytes()


@functools.cache
def schema_json() -> bytes:
    return json.dumps(yaml.safe_load(schema_yaml()), ensure_ascii=False).encode()


class _AnyAccept(BaseContentNegotiation):
    """The file answers in the form it chooses; errors still use the first renderer (JSON)."""

    def select_parser(self, request: Any, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Any, renderers: list[Any], format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class CommittedSchemaView(APIView):
    permission_classes = [IsAuthenticated]
    content_negotiation_class = _AnyAccept
    schema = None  # not an operation of the API itself

    def get(self, request: Request) -> HttpResponse:
        accept = request.META.get("HTTP_ACCEPT", "")
        if request.query_params.get("format") == "json" or "json" in accept:
            return HttpResponse(schema_json(), content_type="application/vnd.oai.openapi+json")
        return HttpResponse(schema_yaml(), content_type="application/vnd.oai.openapi; charset=utf-8")
