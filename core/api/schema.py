"""The OpenAPI schema tells every answer an operation may give, errors included.

Every operation documents the API's one error format (``core.api.errors``) for the answers a
client can meet: 400 (a bad parameter or body), 401, 403, 404, 409 on writes that carry a
version, 413 and 415 on bodies, 429 when throttled and 503 when the database is unavailable.
A client generated from the schema, or schemathesis in ``make test``, then meets no answer the
schema does not describe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

# The committed schema: written by `manage.py export_schema`, served by /api/schema/.
SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    current_version = serializers.IntegerField(required=False, help_text="409 only.")
    submitted_version = serializers.IntegerField(required=False, allow_null=True, help_text="409 only.")
    current = serializers.DictField(required=False, help_text="409 only: the record as it is now.")


# "fields" would shadow Serializer.fields as a class attribute; the schema still needs the key.
ErrorBodySerializer._declared_fields["fields"] = serializers.DictField(
    child=serializers.ListField(child=serializers.CharField()),
    required=False,
    help_text="400 only: the messages of each field (non_field_errors for the rest).",
)


class ErrorSerializer(serializers.Serializer):
    """The API's one error format."""

    error = ErrorBodySerializer()


ALWAYS = {
    "400": "Invalid parameter or body; `fields` holds the messages.",
    "401": "Not signed in, or the token is unknown, expired or revoked.",
    "403": "The record is visible but this action is not yours.",
    "404": "No such record or page, or not visible to you.",
    "429": "Too many requests; `Retry-After` says when to try again.",
    "503": "The database is unavailable; `Retry-After` says when to try again.",
}
WITH_BODY = {
    "409": "Stale version: nothing was saved; `current` is the record now.",
    "413": "The body is larger than the limit.",
    "415": "The body's media type is not accepted.",
}


class HoptacAutoSchema(AutoSchema):
    """drf-spectacular's schema with the error answers of every operation."""

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> Any:
        """A personal field reads "•••" for users without the right (``core.personal``): in
        answers it is a string, whatever its type on input."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        parent = getattr(field, "parent", None)
        model = getattr(getattr(parent, "Meta", None), "model", None)
        if direction == "response" and field.field_name in getattr(model, "personal_fields", ()):
            masked = {"type": "string", "description": "Personal data: '•••' for users without the right."}
            if "title" in schema:
                masked["title"] = schema["title"]
            if schema.get("nullable") or getattr(field, "allow_null", False):
                masked["nullable"] = True
            return masked
        return schema

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = dict(ALWAYS)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.update(WITH_BODY)
        for code, description in codes.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses


class SingleObjectSchema(HoptacAutoSchema):
    """For a viewset whose ``list`` answers one object (an indicator), not an array."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
