"""REST API for the gate: check-ins, one at a time or a scanner's queue at once, and what
offline scanners need (the session's public key, its revoked serials and its
participants). Thin: the rules are in services."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsConferenceOfficer
from core.api import CachedFieldsMixin, SlugRelatedField
from sessions_app.models import Session

from . import checkin, services, signing

ADMITTED = "admitted"
ALREADY_CHECKED_IN = "already_checked_in"
REFUSED = "refused"
BATCH_MAX = 500


class ScanTimeField(serializers.DateTimeField):
    """An ISO 8601 datetime kept as given: one without an offset is read in the session's
    time zone by the service (the scanner's clock at the venue)."""

    def enforce_timezone(self, value):
        return value


class CheckInRequestSerializer(CachedFieldsMixin, serializers.Serializer):
    code = serializers.CharField(max_length=200, help_text="The signed code the badge's QR holds.")
    gate = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    device = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    session = SlugRelatedField(
        slug_field="slug",
        queryset=Session.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The session the gate checks for: a badge of another session is refused.",
    )
    nonce = serializers.CharField(
        max_length=checkin.NONCE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="The scanner's identifier of this scan (a UUID, say): a scan uploaded "
        "again with the same nonce is recorded once and answered as the first time.",
    )
    scanned_at = ScanTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When a scan made offline was made (ISO 8601; not in the future): its day "
        "and time are recorded. Without it, now.",
    )


class BearerSerializer(CachedFieldsMixin, serializers.Serializer):
    """Who a badge names, for the guard to compare faces: of a check-in's answer or of a
    badge in the scanner bundle (both have a `registration`)."""

    registration = serializers.IntegerField(source="registration.pk")
    name = serializers.CharField(source="registration.full_name")
    entity = serializers.CharField(source="registration.entity.display_name")
    category = serializers.CharField(source="registration.get_category_display")
    photo_url = serializers.SerializerMethodField()

    def get_photo_url(self, bearing) -> str | None:
        """The photo is personal data: served only by the view that lets officers (and the
        person) see it."""
        registration = bearing.registration
        if not registration.photo:
            return None
        url = reverse("registration:photo", args=[registration.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CheckInAnswerSerializer(BearerSerializer):
    """A participant checked in: the first time today (201) or already (200)."""

    result = serializers.SerializerMethodField()
    detail = serializers.CharField(source="message")
    checked_in_at = serializers.DateTimeField(source="check_in.at")
    local_time = serializers.CharField(help_text="HH:MM in the session's time zone.")
    day = serializers.DateField(source="check_in.day")
    gate = serializers.CharField(source="check_in.gate")
    session = serializers.CharField(source="check_in.session.slug")
    serial = serializers.IntegerField(source="badge.serial")

    def get_result(self, answer) -> str:
        return ADMITTED if answer.created else ALREADY_CHECKED_IN


class RefusalSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=checkin.CheckInRefused.REASONS)
    detail = serializers.CharField()


class BadScanSerializer(RefusalSerializer):
    """A request that is not a scan (400); DRF answers a body that is not JSON with
    `detail` alone."""

    reason = serializers.ChoiceField(choices=checkin.CheckInRefused.UNREADABLE, required=False)


def _refusal(reason: str, detail: str, code: int = status.HTTP_409_CONFLICT) -> Response:
    return Response({"reason": reason, "detail": detail}, status=code)


def _first_error(errors: dict) -> str:
    """The first of a serializer's errors, as "field: message"."""
    field, messages = next(iter(errors.items()))
    while isinstance(messages, dict):  # a list's items: {index: [messages]}
        messages = next(iter(messages.values()))
    return f"{field}: {messages[0] if isinstance(messages, list) else messages}"


def _check_in(request, given: dict) -> tuple[int, dict]:
    """One scan, as the HTTP status and the body that answer it."""
    scan = CheckInRequestSerializer(data=given)
    if not scan.is_valid():
        if "code" in scan.errors:
            return status.HTTP_400_BAD_REQUEST, {
                "reason": checkin.CheckInRefused.MISSING_CODE,
                "detail": _("Scan or type a badge code."),
            }
        return status.HTTP_400_BAD_REQUEST, {
            "reason": checkin.CheckInRefused.INVALID,
            "detail": _first_error(scan.errors),
        }
    data = scan.validated_data
    try:
        answer = checkin.check_in(
            data["code"],
            gate=data["gate"],
            device=data["device"],
            actor=request.user,
            session=data["session"],
            nonce=data["nonce"],
            scanned_at=data["scanned_at"],
        )
    except checkin.CheckInRefused as refusal:
        return status.HTTP_409_CONFLICT, {"reason": refusal.reason, "detail": refusal.message}
    body = CheckInAnswerSerializer(answer, context={"request": request}).data
    return (status.HTTP_201_CREATED if answer.created else status.HTTP_200_OK), body


class CheckInView(APIView):
    """Check in the bearer of a scanned badge (conference officers), now or, uploaded by a
    scanner that was offline, at the time of the scan."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(
        request=CheckInRequestSerializer,
        responses={
            201: CheckInAnswerSerializer,
            200: CheckInAnswerSerializer,
            400: BadScanSerializer,
            409: OpenApiResponse(RefusalSerializer, description="The badge does not admit."),
        },
    )
    def post(self, request):
        code, body = _check_in(request, request.data)
        return Response(body, status=code)


class CheckInBatchRequestSerializer(serializers.Serializer):
    checkins = serializers.ListField(
        child=serializers.DictField(),
        help_text=f"Up to {BATCH_MAX} scans, each as posted to /api/v1/checkins/.",
    )


class CheckInBatchItemSerializer(serializers.Serializer):
    """The answer to one scan: what /api/v1/checkins/ answers for it, with its status."""

    status = serializers.IntegerField(help_text="201, 200, 400 or 409, as for one scan.")
    result = serializers.ChoiceField(choices=[ADMITTED, ALREADY_CHECKED_IN, REFUSED])
    nonce = serializers.CharField()
    reason = serializers.CharField(required=False, help_text="Why the scan was refused.")
    detail = serializers.CharField()


class CheckInBatchAnswerSerializer(serializers.Serializer):
    results = CheckInBatchItemSerializer(many=True)


class CheckInBatchView(APIView):
    """Check in a scanner's queue of scans at once (conference officers), each as
    /api/v1/checkins/ would, with an answer per scan in the same order. A scan refused does
    not stop the others; a batch of more than 500 is refused whole."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(
        request=CheckInBatchRequestSerializer,
        responses={200: CheckInBatchAnswerSerializer, 400: BadScanSerializer},
    )
    def post(self, request):
        given = CheckInBatchRequestSerializer(data=request.data)
        if not given.is_valid():
            return _refusal(
                checkin.CheckInRefused.INVALID,
                _first_error(given.errors),
                status.HTTP_400_BAD_REQUEST,
            )
        scans = given.validated_data["checkins"]
        if len(scans) > BATCH_MAX:
            return _refusal(
                checkin.CheckInRefused.TOO_MANY,
                _("Upload at most %(count)d check-ins at a time.") % {"count": BATCH_MAX},
                status.HTTP_400_BAD_REQUEST,
            )
        results = []
        for scan in scans:
            code, body = _check_in(request, scan)
            nonce = scan.get("nonce")
            results.append(
                {
                    "status": code,
                    "result": body["result"] if code < 400 else REFUSED,
                    "nonce": nonce if isinstance(nonce, str) else "",
                }
                | body
            )
        return Response({"results": results})


class BadgeKeySerializer(serializers.Serializer):
    session = serializers.CharField()
    algorithm = serializers.CharField()
    public_key = serializers.CharField(help_text="The 32 raw bytes of the key, in base64.")
    public_key_pem = serializers.CharField()
    code_format = serializers.DictField()


def _code_format() -> dict:
    return {
        "version": signing.VERSION,
        "encoding": "base32, RFC 4648 alphabet, upper case, no padding",
        "length": signing.CODE_LENGTH,
        "layout": (
            "version (1 byte), session id (3), registration id (4), serial (3), "
            "signature (64); integers big-endian; the signature covers the first "
            f"{signing.HEADER_BYTES} bytes"
        ),
    }


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
                "code_format": _code_format(),
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


class BundledSessionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    short_name = serializers.CharField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    time_zone = serializers.CharField()


class BundledParticipantSerializer(BearerSerializer):
    serial = serializers.IntegerField(help_text="The serial of the participant's live badge.")
    admits = serializers.SerializerMethodField(
        help_text="False while the registration is not approved for in-person participation "
        "(returned for checks, say): the badge is live but does not admit."
    )

    def get_admits(self, badge) -> bool:
        return checkin.admits(badge.registration)


class ScannerBundleSerializer(serializers.Serializer):
    session = BundledSessionSerializer()
    algorithm = serializers.CharField()
    public_key = serializers.CharField(help_text="The 32 raw bytes of the key, in base64.")
    public_key_pem = serializers.CharField()
    code_format = serializers.DictField()
    revoked = RevokedBadgeSerializer(many=True)
    participants = BundledParticipantSerializer(many=True, source="live")
    made_at = serializers.DateTimeField()


class ScannerBundleView(APIView):
    """What a scanner needs to check badges with no network (conference officers): the
    session and its days, the public key that verifies the codes, the revoked serials and
    the participants of the live badges, with the URL of their photos."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(responses=ScannerBundleSerializer)
    def get(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        bundle = checkin.scanner_bundle(session)
        answer = {
            "session": session,
            "algorithm": signing.ALGORITHM,
            "public_key": signing.public_key_base64(bundle.public_key),
            "public_key_pem": signing.public_key_pem(bundle.public_key),
            "code_format": _code_format(),
            "revoked": bundle.revoked,
            "live": bundle.live,
            "made_at": timezone.now(),
        }
        return Response(ScannerBundleSerializer(answer, context={"request": request}).data)
