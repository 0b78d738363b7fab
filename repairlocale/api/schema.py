"""OpenAPI schema tweaks: the token scheme and the error responses of every call."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse

from repairlocale.api.serializers.errors import ErrorSerializer


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "repairlocale.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (rl_…), created in your profile.",
        }


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


class AutoSchema(SpectacularAutoSchema):
    """Adds the documented error responses to every operation.

    Every call may answer 401 (no or bad credentials) and 403 (role too low, or a
    read-only token writing); calls with input or filters 400; calls on one object
    (and list pages out of range) 404.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "401": _error("No credentials, or an invalid or revoked token."),
            "403": _error("Signed in, but not allowed."),
        }
        method = self.method.upper()
        if method in ("POST", "PUT", "PATCH") or self._has_query_filters():
            errors["400"] = _error("Invalid input; each error names its field.")
        if "{" in self.path or (method == "GET" and self._is_list_view()):
            errors["404"] = _error("Not found, or not visible to you.")
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    response, code, direction=direction
                )
        return responses

    def _has_query_filters(self) -> bool:
        return bool(getattr(self.view, "filterset_class", None)) or bool(
            getattr(self.view, "has_query_parameters", False)
        )
