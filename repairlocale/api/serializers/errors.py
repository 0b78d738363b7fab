"""The error body of every API error (documented in the schema)."""

from rest_framework import serializers


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Machine-readable code: required, invalid, not_found, "
        "permission_denied, not_authenticated, authentication_failed, step_refused…"
    )
    detail = serializers.CharField(help_text="The message, in the caller's language.")
    attr = serializers.CharField(
        allow_null=True,
        help_text="The input field the error is about (dotted for nested fields), "
        "or null for the request as a whole.",
    )


class ErrorSerializer(serializers.Serializer):
    errors = ErrorItemSerializer(many=True)
