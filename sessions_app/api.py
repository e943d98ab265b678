"""REST API for series, sessions, sittings and rooms (read) and bookings (officers), through
the same services as the pages."""

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.permissions import IsConferenceOfficer
from core.api import SlugRelatedField

from . import services
from .content_api import TranslationsMixin, TranslationsUpdateMixin, document_content
from .models import Booking, MeetingFormat, Room, Series, Session, Sitting

# A slug as Django's path converter reads it: one with anything else (a NUL, which
# PostgreSQL cannot compare) names nothing and does not reach the database.
SLUG = "[-a-zA-Z0-9_]+"


class SeriesSerializer(TranslationsMixin, serializers.ModelSerializer):
    class Meta:
        model = Series
        fields = ["slug", "name", "short_name", "mandate_list", "description"]


class RoomSerializer(TranslationsMixin, serializers.ModelSerializer):
    venue = serializers.CharField(source="venue.name")

    class Meta:
        model = Room
        fields = [
            "slug",
            "name",
            "venue",
            "building",
            "floor",
            "capacity",
            "interpretation_booths",
            "equipment",
            "bookable_from",
            "bookable_until",
        ]


class SessionSerializer(TranslationsMixin, serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    venue = serializers.CharField(source="venue.name", default=None, allow_null=True)
    room = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Session
        fields = [
            "slug",
            "title",
            "short_name",
            "series",
            "start_date",
            "end_date",
            "time_zone",
            "format",
            "venue",
            "room",
            "registration_opens",
            "registration_closes",
            "languages",
            "status",
            "is_demonstration",
        ]


class SittingSerializer(TranslationsMixin, serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    room = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    start = serializers.DateTimeField(source="local_start")
    end = serializers.DateTimeField(source="local_end")

    class Meta:
        model = Sitting
        fields = [
            "id",
            "session",
            "title",
            "agenda_item_list",
            "start",
            "end",
            "room",
            "format",
            "status",
        ]


class BookingSerializer(serializers.ModelSerializer):
    room = SlugRelatedField(slug_field="slug", queryset=Room.objects.all())
    status = serializers.ChoiceField(
        choices=Booking.Status.choices,
        default=Booking.Status.CONFIRMED,
        help_text="A booking is made confirmed or held; cancelling it is an action of its own.",
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "start",
            "end",
            "setup_minutes",
            "cleardown_minutes",
            "purpose",
            "sitting",
            "status",
            "created_at",
        ]
        read_only_fields = ["sitting", "created_at"]

    def validate_status(self, status: str) -> str:
        if status not in Booking.LIVE_STATUSES:
            raise serializers.ValidationError(_("A booking is made confirmed or held."))
        return status


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    conflicting_booking = BookingSerializer()


class SessionFilter(django_filters.FilterSet):
    series = django_filters.CharFilter(field_name="series__slug")
    # Not `format`: DRF reads that parameter as the answer's format (and answered 404).
    meeting_format = django_filters.ChoiceFilter(field_name="format", choices=MeetingFormat.choices)

    class Meta:
        model = Session
        fields = ["series", "meeting_format", "status"]


class SittingFilter(django_filters.FilterSet):
    session = django_filters.CharFilter(field_name="session__slug")
    room = django_filters.CharFilter(field_name="room__slug")
    meeting_format = django_filters.ChoiceFilter(field_name="format", choices=MeetingFormat.choices)

    class Meta:
        model = Sitting
        fields = ["session", "room", "status", "meeting_format"]


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, in UTC for the database: PostgreSQL holds offsets up to 15:59
    only (Python up to 23:59), and an instant before the calendar's first day in UTC can
    be held by neither database."""

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return value and value.astimezone(UTC)
        except OverflowError as error:
            raise ValidationError(_("Enter a date of the calendar."), code="overflow") from error


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class BookingFilter(django_filters.FilterSet):
    room = django_filters.CharFilter(field_name="room__slug")
    starts_after = UTCDateTimeFilter(field_name="start", lookup_expr="gte")
    starts_before = UTCDateTimeFilter(field_name="start", lookup_expr="lt")

    class Meta:
        model = Booking
        fields = ["room", "status", "starts_after", "starts_before"]


@document_content(patch=True)
class SeriesViewSet(TranslationsUpdateMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Series.objects.all()
    serializer_class = SeriesSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG


@document_content(patch=True)
class SessionViewSet(TranslationsUpdateMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Session.objects.select_related("series", "venue", "room")
    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG


@document_content(patch=True)
class SittingViewSet(TranslationsUpdateMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Sitting.objects.select_related("session", "room").order_by("start")
    serializer_class = SittingSerializer
    filterset_class = SittingFilter


@document_content(patch=True)
class RoomViewSet(TranslationsUpdateMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Room.objects.select_related("venue")
    serializer_class = RoomSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG


class BookingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Room bookings, for conference officers. A booking that overlaps a live booking of
    the same room (set-up and clear-down included) is refused with 409."""

    queryset = Booking.objects.select_related("room__venue").order_by("start")
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    permission_classes = [IsConferenceOfficer]

    @extend_schema(
        responses={
            201: BookingSerializer,
            409: OpenApiResponse(ConflictSerializer, "The room is taken."),
        }
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            booking = services.book_room(booked_by=request.user, **serializer.validated_data)
        except services.BookingConflict as conflict:
            return Response(
                {
                    "detail": conflict.message,
                    "code": conflict.code,
                    "conflicting_booking": BookingSerializer(conflict.conflicting).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = services.cancel_booking(self.get_object())
        return Response(BookingSerializer(booking).data)
