"""The API's token authentication: personal tokens (org.ApiToken) that expire and can be revoked.

It replaces DRF's ``TokenAuthentication`` (tokens that never expired). The header is the same,
``Authorization: Token <secret>``. An unknown, expired or revoked token, or the token of an
inactive account, is refused with 401 and ``WWW-Authenticate: Token`` in the API's error
format. Tokens are not sessions: the 30-minute idle rule does not apply to them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        from org.services import api_token_find, api_token_record_use

        token = api_token_find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account of this token is inactive."))
        api_token_record_use(token)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The schema documents the scheme under the name it had with DRF's tokens."""

    target_class = "org.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        scheme = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
        scheme["description"] = (
            'Personal API token with the prefix "Token" ("Authorization: Token <secret>"), '
            "created on the account page; it expires and can be revoked there."
        )
        return scheme
