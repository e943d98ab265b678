"""The API's answer to a refusal by the rules: 409 with the message and the rule's code; to
a path it does not have, in JSON; a field that finds an object by its slug; and
serializers' fields worked out once per class."""

import copy

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import page_not_found
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(
            {"detail": exc.message, "code": exc.code, **exc.details()},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if isinstance(exc, RateLimitUnavailable):
        response.data["code"] = exc.default_code
    return response


class RateLimitUnavailable(APIException):
    """A rate-limited action refused because the cache that counts it is down."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "rate_limit_unavailable"
    default_detail = _(
        "This action is limited to protect the site, and the limit cannot be checked just "
        "now. Nothing was changed. Try again in a minute."
    )


def not_found(request, exception):
    """A path the site does not have: under /api/, DRF's answer in JSON, as the API answers
    everything else (integrators parse it); elsewhere the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's, for which a slug with a NUL character names nothing without asking the
    database: PostgreSQL cannot compare text that holds one, and answered 500."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class CachedFieldsMixin:
    """A serializer works out its fields on every instance (a ModelSerializer from the
    model, any serializer by a deep copy of those declared); for flat fields the result
    never changes, so it is worked out once per class and copied. A shallow copy is enough
    for them (binding sets only the copy's own attributes), and a deep copy of each, as DRF
    makes, cost more than the rest of the serializer. Not for nested serializers or list
    fields, whose child a shallow copy would share."""

    _built_fields: dict = {}

    def get_fields(self):
        cls = type(self)
        if cls not in self._built_fields:
            self._built_fields[cls] = super().get_fields()
        fields = {name: copy.copy(field) for name, field in self._built_fields[cls].items()}
        return fields | self.provided_fields()

    def provided_fields(self) -> dict:
        return {}
