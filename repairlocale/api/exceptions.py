"""One error body for every API error: ``{"errors": [{code, detail, attr}]}``.

- ``code``: a stable machine-readable code (``required``, ``invalid``,
  ``not_found``, ``permission_denied``, ``not_authenticated``, ``step_refused``…);
- ``detail``: the message for people, in the caller's language;
- ``attr``: the input field the error is about (``criteria.no_crt`` for a nested
  one), or null when it is about the request as a whole.

Django ``ValidationError``s raised by the services (the same rules as the pages)
become 400 responses in the same shape.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _is_message(detail: Any) -> bool:
    return isinstance(detail, dict) and set(detail) == {"message", "code"}


def _flatten(detail: Any, attr: str | None) -> list[dict[str, Any]]:
    """``get_full_details()`` output as a flat list of errors with dotted attrs."""
    if _is_message(detail):
        return [
            {"code": detail["code"], "detail": str(detail["message"]), "attr": attr}
        ]
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if key in (api_settings.NON_FIELD_ERRORS_KEY, "__all__"):
                errors += _flatten(value, attr)
            else:
                errors += _flatten(value, f"{attr}.{key}" if attr else str(key))
        return errors
    if isinstance(detail, list):
        errors = []
        for index, value in enumerate(detail):
            # A list of messages belongs to the field; a list of objects is indexed.
            if isinstance(value, dict) and not _is_message(value):
                errors += _flatten(value, f"{attr}.{index}" if attr else str(index))
            else:
                errors += _flatten(value, attr)
        return errors
    return [{"code": "invalid", "detail": str(detail), "attr": attr}]


def error_body(exc: exceptions.APIException) -> dict[str, list[dict[str, Any]]]:
    return {"errors": _flatten(exc.get_full_details(), None)}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (headers such as WWW-Authenticate), with our error body."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django logs it and answers 500
    if isinstance(exc, exceptions.APIException):
        response.data = error_body(exc)
    return response


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs) -> Response:
    """Unknown paths under /api/v1/ answer in the API's error shape too."""
    raise exceptions.NotFound()
