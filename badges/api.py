"""REST API for the gate: check-ins, and what offline scanners need (the session's public
key and its revoked serials). Thin: the rules are in services."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsConferenceOfficer
from sessions_app.models import Session

from . import services, signing

ADMITTED = "admitted"
ALREADY_CHECKED_IN = "already_checked_in"


class CheckInRequestSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=200, help_text="The signed code the badge's QR holds.")
    gate = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    device = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    session = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Session.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The session the gate checks for: a badge of another session is refused.",
    )


class CheckInAnswerSerializer(serializers.Serializer):
    """A participant checked in: the first time today (201) or already (200)."""

    result = serializers.SerializerMethodField()
    detail = serializers.CharField(source="message")
    checked_in_at = serializers.DateTimeField(source="check_in.at")
    local_time = serializers.CharField(help_text="HH:MM in the session's time zone.")
    day = serializers.DateField(source="check_in.day")
    gate = serializers.CharField(source="check_in.gate")
    session = serializers.CharField(source="check_in.session.slug")
    serial = serializers.IntegerField(source="badge.serial")
    registration = serializers.IntegerField(source="registration.pk")
    name = serializers.CharField(source="registration.full_name")
    entity = serializers.CharField(source="registration.entity.name")
    category = serializers.CharField(source="registration.get_category_display")
    photo_url = serializers.SerializerMethodField()

    def get_result(self, answer) -> str:
        return ADMITTED if answer.created else ALREADY_CHECKED_IN

    def get_photo_url(self, answer) -> str | None:
        """The photo is personal data: served only by the view that lets officers (and the
        person) see it."""
        registration = answer.registration
        if not registration.photo:
            return None
        url = reverse("registration:photo", args=[registration.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RefusalSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=[*services.CheckInRefused.REASONS, "missing_code", "invalid"]
    )
    detail = serializers.CharField()


def _refusal(reason: str, detail: str, code: int = status.HTTP_409_CONFLICT) -> Response:
    return Response({"reason": reason, "detail": detail}, status=code)


class CheckInView(APIView):
    """Check in the bearer of a scanned badge (conference officers)."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(
        request=CheckInRequestSerializer,
        responses={
            201: CheckInAnswerSerializer,
            200: CheckInAnswerSerializer,
            400: RefusalSerializer,
            409: OpenApiResponse(RefusalSerializer, description="The badge does not admit."),
        },
    )
    def post(self, request):
        given = CheckInRequestSerializer(data=request.data)
        if not given.is_valid():
            if "code" in given.errors:
                return _refusal(
                    "missing_code", _("Scan or type a badge code."), status.HTTP_400_BAD_REQUEST
                )
            field, messages = next(iter(given.errors.items()))
            return _refusal("invalid", f"{field}: {messages[0]}", status.HTTP_400_BAD_REQUEST)
        data = given.validated_data
        try:
            answer = services.check_in(
                data["code"],
                gate=data["gate"],
                device=data["device"],
                actor=request.user,
                session=data["session"],
            )
        except services.CheckInRefused as refusal:
            return _refusal(refusal.reason, refusal.message)
        return Response(
            CheckInAnswerSerializer(answer, context={"request": request}).data,
            status=status.HTTP_201_CREATED if answer.created else status.HTTP_200_OK,
        )


class BadgeKeySerializer(serializers.Serializer):
    session = serializers.CharField()
    algorithm = serializers.CharField()
    public_key = serializers.CharField(help_text="The 32 raw bytes of the key, in base64.")
    public_key_pem = serializers.CharField()
    code_format = serializers.DictField()


class BadgeKeyView(APIView):
    """The session's public key, with which a scanner verifies badge codes offline
    (public: it only lets one check signatures)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=BadgeKeySerializer)
    def get(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        badging = services.badging_for(session)
        return Response(
            {
                "session": session.slug,
                "algorithm": signing.ALGORITHM,
                "public_key": signing.public_key_base64(badging.public_key),
                "public_key_pem": signing.public_key_pem(badging.public_key),
                "code_format": {
                    "version": signing.VERSION,
                    "encoding": "base32, RFC 4648 alphabet, upper case, no padding",
                    "length": signing.CODE_LENGTH,
                    "layout": (
                        "version (1 byte), session id (3), registration id (4), serial (3), "
                        "signature (64); integers big-endian; the signature covers the first "
                        f"{signing.HEADER_BYTES} bytes"
                    ),
                },
            }
        )


class RevokedBadgeSerializer(serializers.Serializer):
    serial = serializers.IntegerField()
    revoked_at = serializers.DateTimeField()


class RevocationListSerializer(serializers.Serializer):
    session = serializers.CharField()
    revoked = RevokedBadgeSerializer(many=True)


class RevokedBadgesView(APIView):
    """The session's revoked badge serials, for scanners that check offline (conference
    officers: the scanning devices act for them, as they do to post check-ins)."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(responses=RevocationListSerializer)
    def get(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        answer = {"session": session.slug, "revoked": services.revocation_list(session)}
        return Response(RevocationListSerializer(answer).data)
