"""REST API for registrations, through the same services and rules as the pages."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from accounts.permissions import IsConferenceOfficer
from accounts.roles import is_conference_officer
from core import cache
from core.api import CachedFieldsMixin, RateLimitUnavailable
from sessions_app.content_api import ACCEPT_LANGUAGE_PARAMETER
from sessions_app.models import Session

from . import delegations, hooks, queries, services
from .models import Entity, Registration


class RegistrationSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    entity = serializers.PrimaryKeyRelatedField(queryset=Entity.objects.filter(is_active=True))
    entity_name = serializers.CharField(source="entity.display_name", read_only=True)
    email = serializers.EmailField(required=False)
    waitlist_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "entity",
            "entity_name",
            "category",
            "participation_mode",
            "state",
            "state_changed_at",
            "email",
            *services.EDITABLE_FIELDS,
            *services.PERSONAL_FIELDS,
            "waitlist_position",
        ]
        read_only_fields = ["category", "state", "state_changed_at"]
        # Given, never shown: focal points list their delegation's registrations.
        extra_kwargs = {name: {"write_only": True} for name in services.PERSONAL_FIELDS}

    def provided_fields(self) -> dict:
        """Read-only fields that upper apps add (registration.hooks.add_api_field)."""
        return hooks.api_fields()

    def get_waitlist_position(self, registration) -> int | None:
        if registration.state != Registration.State.WAITLISTED:
            return None
        # Counted as it joined (just registered) or in a list's query; else counted now.
        return (
            getattr(registration, "position_on_joining", None)
            or getattr(registration, "queue_position", None)
            or services.waitlist_position(registration)
        )


class RegistrationDetailSerializer(RegistrationSerializer):
    class Meta(RegistrationSerializer.Meta):
        read_only_fields = [
            *RegistrationSerializer.Meta.read_only_fields,
            "entity",
            "participation_mode",
            "email",
        ]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RegistrationRateThrottle(UserRateThrottle):
    """Registering, editing and changing state through the API, at the registration pages'
    rate (REGISTRATION_RATE, per user); reading is not limited."""

    scope = "registration"

    def get_rate(self) -> str:
        return settings.REGISTRATION_RATE

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        allowed = super().allow_request(request, view)
        if cache.failing():  # it could not count: refuse, rather than not limit
            raise RateLimitUnavailable
        return allowed


@extend_schema_view(list=extend_schema(parameters=[ACCEPT_LANGUAGE_PARAMETER]))
class SessionRegistrationViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A session's registrations: a delegate lists and creates their own, a focal point
    their delegation's, officers all."""

    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationRateThrottle]
    filterset_fields = ["state", "participation_mode", "category", "entity"]

    def get_session(self) -> Session:
        return get_object_or_404(Session, slug=self.kwargs["session_slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, without a session
            return Registration.objects.none()
        return queries.with_waitlist_position(
            queries.visible_to(self.request.user)
            .filter(session__slug=self.kwargs["session_slug"])
            .select_related(*hooks.api_related())
            .order_by("pk")
        )

    def perform_create(self, serializer):
        user = self.request.user
        data = dict(serializer.validated_data)
        entity = data.pop("entity")
        email = data.pop("email", "") or user.email
        own = email.lower() == user.email.lower()
        session = self.get_session()
        delegation = services.delegation_for(session, entity)
        if not (own or delegations.may_manage(user, delegation)):
            raise PermissionDenied("Only the delegation's focal points register others.")
        serializer.instance = services.register(
            session,
            delegation=delegation,
            by_officer=is_conference_officer(user),
            entity=entity,
            actor=user,
            participant=user if own else None,
            email=email,
            privacy_acknowledged_at=timezone.now() if own else None,
            **data,
        )


@extend_schema_view(retrieve=extend_schema(parameters=[ACCEPT_LANGUAGE_PARAMETER]))
class RegistrationViewSet(
    mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """One registration, for the person, their focal points and officers; state changes
    as actions."""

    serializer_class = RegistrationDetailSerializer
    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationRateThrottle]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return queries.visible_to(self.request.user).select_related(*hooks.api_related())

    def perform_update(self, serializer):
        user = self.request.user
        officer = is_conference_officer(user)
        # The identity document: the person's and the Secretariat's only.
        personal = officer or serializer.instance.is_owned_by(user)
        if not personal and set(serializer.validated_data) & set(services.PERSONAL_FIELDS):
            raise PermissionDenied(
                _("Only the person and the Secretariat give the identity document.")
            )
        allowed = (*services.EDITABLE_FIELDS, *services.PERSONAL_FIELDS)
        services.update_registration(
            serializer.instance,
            user,
            by_officer=officer,
            **{name: value for name, value in serializer.validated_data.items() if name in allowed},
        )

    def _change(self, change, *args):
        registration = self.get_object()
        change(registration, self.request.user, *args)
        return Response(self.get_serializer(registration).data)

    def _reason(self) -> str:
        serializer = ReasonSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["reason"]

    @extend_schema(request=ReasonSerializer, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsConferenceOfficer])
    def approve(self, request, pk=None):
        return self._change(services.approve, self._reason())

    @extend_schema(request=ReasonSerializer, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsConferenceOfficer])
    def reject(self, request, pk=None):
        return self._change(services.reject, self._reason())

    @extend_schema(request=ReasonSerializer, responses=RegistrationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._change(services.withdraw, self._reason())
