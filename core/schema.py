"""The OpenAPI schema's error answers, written once for every operation instead of by hand
on each: 400 for bad input, 401 and 403 where authentication and permissions apply, 404
for what a path names, 409 for a refusal by the rules (core.api) and 429 where a throttle
applies. An operation that documents one of these itself keeps its own. And times of day
as the API writes them."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import (
    SAFE_METHODS,
    AllowAny,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)


class ErrorSerializer(serializers.Serializer):
    """A request refused before any rule: not authenticated, not allowed, not found, or
    too many."""

    detail = serializers.CharField()


class DomainErrorSerializer(serializers.Serializer):
    """A change that the rules refuse."""  # core.errors.DomainError, answered by core.api

    detail = serializers.CharField(help_text="Why, in the user's language.")
    code = serializers.CharField(help_text="The rule that refused, for clients to act on.")


VALIDATION_ERRORS = {
    "type": "object",
    "additionalProperties": {},
    "description": "Each field's messages; `detail` or `non_field_errors` for the whole input.",
}

# Permissions that only ever refuse the anonymous, which is 401, never 403.
ONLY_AUTHENTICATION = (AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly)


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        writes = self.method not in SAFE_METHODS
        errors = {}
        if writes or self._get_filter_parameters():
            errors["400"] = OpenApiResponse(VALIDATION_ERRORS, "The input is not valid.")
        if self.view.authentication_classes:
            errors["401"] = OpenApiResponse(ErrorSerializer, "Not authenticated.")
        permissions = self.view.get_permissions()
        if writes or not all(isinstance(each, ONLY_AUTHENTICATION) for each in permissions):
            errors["403"] = OpenApiResponse(ErrorSerializer, "Not allowed.")
        if "{" in self.path:
            errors["404"] = OpenApiResponse(ErrorSerializer, "Not found.")
        if writes:
            errors["409"] = OpenApiResponse(DomainErrorSerializer, "Refused by the rules.")
        if self.view.get_throttles():
            errors["429"] = OpenApiResponse(ErrorSerializer, "Too many requests; try later.")
        return errors


class LocalTimeField(OpenApiSerializerFieldExtension):
    """A time of day at the venue ("08:00:00"), as DRF writes it: JSON Schema's `time`
    format wants an offset ("08:00:00Z"), which a local time does not have."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$",
            "example": "08:00:00",
        }
