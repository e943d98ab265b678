"""Online's field of the registration API (registration.hooks.add_api_field): the
participant's personal join link, shown to the person and to conference officers only,
never to the delegation's focal points or anyone else."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.roles import is_conference_officer

from . import services


@extend_schema_field(OpenApiTypes.URI)
class JoinUrlField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "The participant's personal link to join the sittings online: for the person "
            "and conference officers, once approved to take part online; else null.",
        )
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, registration) -> str | None:
        if not services.may_join(registration):
            return None
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not (registration.is_owned_by(user) or is_conference_officer(user)):
            return None
        return services.join_url(registration)
