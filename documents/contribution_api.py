"""REST API of written contributions, through the same services and rules as the pages:
a session's contributions (its calls' and its series'), a focal point's entities' or all
for officers; submitting as multipart; accepting, returning and declining for officers."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import IsConferenceOfficer
from accounts.roles import is_conference_officer
from languages.official import OFFICIAL_LANGUAGE_CODES, OFFICIAL_LANGUAGES
from registration.api import RegistrationRateThrottle
from registration.models import Entity
from sessions_app.models import Session

from . import contribution_queries as queries
from . import contributions
from .models import Call, Contribution, ContributionFile


class ContributionFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ContributionFile
        fields = ["language", "extension", "size", "url"]

    def get_url(self, row) -> str:
        path = reverse("documents:contribution-file", kwargs={"pk": row.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ContributionSerializer(serializers.ModelSerializer):
    entity_name = serializers.CharField(source="entity.display_name", read_only=True)
    files = ContributionFileSerializer(many=True, read_only=True)
    reason = serializers.SerializerMethodField(help_text="The Secretariat's reason, if any.")
    symbol = serializers.SerializerMethodField(help_text="The published document's symbol.")

    class Meta:
        model = Contribution
        fields = [
            "id",
            "call",
            "entity",
            "entity_name",
            "title",
            "original_language",
            "consents_to_publication",
            "state",
            "is_late",
            "submitted_at",
            "files",
            "reason",
            "symbol",
        ]
        read_only_fields = fields

    def get_reason(self, contribution) -> str:
        return queries.last_reason(contribution)

    def get_symbol(self, contribution) -> str | None:
        return contribution.document.symbol if contribution.document else None


class SubmitSerializer(serializers.Serializer):
    """A contribution as submitted: one file per language, `file_<code>`."""

    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    entity = serializers.PrimaryKeyRelatedField(queryset=Entity.objects.all())
    title = serializers.CharField(max_length=500)
    original_language = serializers.ChoiceField(choices=OFFICIAL_LANGUAGES)
    consents_to_publication = serializers.BooleanField()

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        for code in OFFICIAL_LANGUAGE_CODES:
            self.fields[f"file_{code}"] = serializers.FileField(
                required=False, help_text=f"PDF or DOCX in {code}."
            )

    def validate_call(self, call: Call) -> Call:
        if self.session and not (
            call.session_id == self.session.pk or call.series_id == self.session.series_id
        ):
            raise serializers.ValidationError(_("Not a call of this session or its series."))
        return call

    def files(self) -> dict:
        return {
            code: self.validated_data[f"file_{code}"]
            for code in OFFICIAL_LANGUAGE_CODES
            if self.validated_data.get(f"file_{code}")
        }


class AcceptSerializer(serializers.Serializer):
    symbol = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)


class ScreeningReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Sent to the submitter.")


class SessionContributionViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A session's written contributions: a focal point lists and submits their entities',
    officers list all and screen them."""

    serializer_class = ContributionSerializer
    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationRateThrottle]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_url_kwarg = "contribution_id"
    filterset_fields = ["state", "call", "entity"]

    def get_session(self) -> Session:
        return get_object_or_404(Session, slug=self.kwargs["session_slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, without a session
            return Contribution.objects.none()
        session = self.get_session()
        return queries.with_files_and_trail(
            contributions.visible_to(self.request.user).filter(
                Q(call__session=session) | Q(call__series_id=session.series_id)
            )
        ).order_by("pk")

    @extend_schema(request={"multipart/form-data": SubmitSerializer})
    def create(self, request, *args, **kwargs):
        submitted = SubmitSerializer(data=request.data, session=self.get_session())
        submitted.is_valid(raise_exception=True)
        data = submitted.validated_data
        call, entity, user = data["call"], data["entity"], request.user
        if not (is_conference_officer(user) or contributions.is_focal_point(user, call, entity)):
            raise PermissionDenied(_("Only the entity's focal points submit its contributions."))
        contribution = contributions.submit(
            call,
            entity,
            user,
            data["title"],
            data["original_language"],
            submitted.files(),
            data["consents_to_publication"],
        )
        return Response(self._answer(contribution.pk), status=status.HTTP_201_CREATED)

    def _answer(self, pk: int) -> dict:
        contribution = queries.with_files_and_trail(Contribution.objects.filter(pk=pk)).get()
        return ContributionSerializer(contribution, context=self.get_serializer_context()).data

    def _screen(self, change, *args):
        contribution = self.get_object()
        change(contribution, self.request.user, *args)
        return Response(self._answer(contribution.pk))

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=AcceptSerializer, responses=ContributionSerializer)
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsConferenceOfficer],
    )
    def accept(self, request, *args, **kwargs):
        return self._screen(contributions.accept, self._input(AcceptSerializer)["symbol"])

    @extend_schema(request=ScreeningReasonSerializer, responses=ContributionSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        permission_classes=[IsConferenceOfficer],
    )
    def return_to_submitter(self, request, *args, **kwargs):
        return self._screen(
            contributions.return_to_submitter, self._input(ScreeningReasonSerializer)["reason"]
        )

    @extend_schema(request=ScreeningReasonSerializer, responses=ContributionSerializer)
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsConferenceOfficer],
    )
    def decline(self, request, *args, **kwargs):
        return self._screen(contributions.decline, self._input(ScreeningReasonSerializer)["reason"])
