"""Online's field of the registration API (registration.hooks.add_api_field): the
participant's personal join link, shown to the person only: not to the delegation's
focal points, nor to officers (opening it would count as the person's attendance; an
officer replaces it from the console without seeing it)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import services


@extend_schema_field(OpenApiTypes.URI)
class JoinUrlField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "The participant's personal link to join the sittings online: for the person "
            "only, once approved to take part online; else null.",
        )
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, registration) -> str | None:
        user = getattr(self.context.get("request"), "user", None)
        return services.join_url(registration) if registration.is_owned_by(user) else None
