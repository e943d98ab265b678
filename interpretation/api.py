"""The interpretation plan of a session, for interpretation coordinators and officers."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import PlansInterpretation
from sessions_app.content_api import ACCEPT_LANGUAGE_PARAMETER
from sessions_app.models import Session

from . import queries

PlanSerializer = inline_serializer(
    "InterpretationPlan",
    {
        "session": serializers.CharField(),
        "interpreters_per_sitting": serializers.DictField(child=serializers.IntegerField()),
        "interpreter_sittings": serializers.IntegerField(),
        "by_day": serializers.DictField(child=serializers.IntegerField()),
        "sittings": serializers.ListField(child=serializers.DictField()),
    },
)


def plan_data(plan: queries.SessionPlan) -> dict:
    """The plan as plain data: per sitting its languages, booths, interpreters and flags;
    for the session the interpreters per sitting and the interpreter-sittings."""
    return {
        "session": plan.session.slug,
        "interpreters_per_sitting": {
            str(item.sitting.pk): item.plan.interpreters for item in plan.sittings
        },
        "interpreter_sittings": plan.interpreter_sittings,
        "by_day": {day.isoformat(): count for day, count in plan.by_day.items()},
        "sittings": [
            {
                "id": item.sitting.pk,
                "title": item.sitting.title,
                "start": item.sitting.start.isoformat(),
                "end": item.sitting.end.isoformat(),
                "room": item.sitting.room.name if item.sitting.room else None,
                "mode": item.mode,
                "languages": item.plan.languages,
                "booths": item.plan.booths,
                "interpreters": item.plan.interpreters,
                "teams": {team.code: team.interpreters for team in item.plan.teams},
                "planned_hours": item.plan.planned_length.total_seconds() / 3600,
                "flags": item.plan.flags,
            }
            for item in plan.sittings
        ],
    }


class InterpretationPlanView(APIView):
    permission_classes = [PlansInterpretation]

    @extend_schema(responses=PlanSerializer, parameters=[ACCEPT_LANGUAGE_PARAMETER])
    def get(self, request, slug: str):
        session = get_object_or_404(Session, slug=slug)
        return Response(plan_data(queries.session_plan(session)))
