"""REST API of online attendance for conference officers: per sitting, who joined online
and when, with the counts. Thin: the reading is in queries."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsConferenceOfficer
from sessions_app.models import Session

from . import queries


class OnlineAttendeeSerializer(serializers.Serializer):
    registration = serializers.IntegerField(source="registration_id")
    name = serializers.CharField(source="registration.full_name")
    entity = serializers.CharField(source="registration.entity.display_name")
    entity_kind = serializers.CharField(source="registration.entity.kind")
    first_joined_at = serializers.DateTimeField()


class SittingAttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="sitting.pk")
    title = serializers.CharField(source="sitting.title")
    start = serializers.DateTimeField(source="sitting.start")
    end = serializers.DateTimeField(source="sitting.end")
    joined = serializers.SerializerMethodField(help_text="How many joined this sitting online.")
    participants = OnlineAttendeeSerializer(many=True, source="attendance")

    def get_joined(self, group) -> int:
        return len(group.attendance)


class DayCountSerializer(serializers.Serializer):
    day = serializers.DateField()
    people = serializers.IntegerField()


class OnlineAttendanceSerializer(serializers.Serializer):
    session = serializers.CharField()
    joined_online = serializers.IntegerField(
        help_text="People who joined at least one sitting online."
    )
    by_day = DayCountSerializer(many=True)
    sittings = SittingAttendanceSerializer(many=True)


class OnlineAttendanceView(APIView):
    """Per sitting of the session, the participants who joined online through their
    personal link and when they first joined (conference officers)."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(responses=OnlineAttendanceSerializer)
    def get(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        summary = queries.summary(session)
        answer = {
            "session": session.slug,
            "joined_online": summary["joined_online"],
            "by_day": summary["by_day"],
            "sittings": queries.by_sitting(session),
        }
        return Response(OnlineAttendanceSerializer(answer).data)
