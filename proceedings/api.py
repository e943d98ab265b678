"""REST API of the lists of speakers of a session: the lists, a list in its order with
the speaker who has the floor, inscriptions by focal points and officers, an officer's
moves, and the floor. Thin: every rule is in proceedings.services, every reading in
proceedings.queries; a change answers with the list as it now is."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsConferenceOfficer
from languages.official import OFFICIAL_LANGUAGES
from registration.models import Delegation, Registration
from sessions_app.content_api import ACCEPT_LANGUAGE_PARAMETER
from sessions_app.models import ParticipationMode, Session

from . import queries, services, statements
from .models import Group, Inscription, SpeakersList, Statement


class FollowsSession(BasePermission):
    """Who reads a session's lists of speakers (proceedings.services.may_follow)."""

    message = "Only the session's officers, focal points and participants may do this."

    def has_permission(self, request, view) -> bool:
        session = Session.objects.filter(slug=view.kwargs["session_slug"]).first()
        return session is None or services.may_follow(request.user, session)


class SpeakersListSerializer(serializers.Serializer):
    item_number = serializers.IntegerField()
    item_title = serializers.SerializerMethodField(
        help_text="The agenda item's title in the reader's language where translated."
    )
    is_open = serializers.BooleanField(help_text="An open list takes inscriptions.")
    allows_repeats = serializers.BooleanField(
        help_text="Delegations may be on the list more than once."
    )

    def get_item_title(self, speakers_list) -> str:
        item = self.context["agenda"].get(speakers_list.item_number)
        return item.title if item else ""


class InscriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    place = serializers.SerializerMethodField(help_text="Its place in the order, from 1.")
    delegation = serializers.CharField(source="delegation.entity.display_name")
    speaker = serializers.CharField(source="speaker.full_name")
    mode = serializers.ChoiceField(choices=ParticipationMode.choices)
    level = serializers.ChoiceField(choices=Inscription.Level.choices)
    on_behalf_of = serializers.ChoiceField(choices=Group.choices, allow_blank=True)
    group = serializers.CharField(
        source="group_label", help_text="The group it speaks for, by name; empty for none."
    )
    language = serializers.ChoiceField(choices=OFFICIAL_LANGUAGES)
    kind = serializers.ChoiceField(choices=Inscription.Kind.choices)
    state = serializers.ChoiceField(choices=Inscription.State.choices)
    time_limit = serializers.SerializerMethodField(help_text="Minutes the statement may last.")
    elapsed = serializers.SerializerMethodField(
        help_text="Seconds spoken so far, the timer's pauses left out."
    )
    timer_running = serializers.SerializerMethodField()

    def get_place(self, inscription) -> int:
        return self.context["places"][inscription.pk]

    def get_time_limit(self, inscription) -> int:
        return self.context["rules"].time_limit(inscription)

    def get_elapsed(self, inscription) -> int:
        return inscription.elapsed(self.context["now"])

    def get_timer_running(self, inscription) -> bool:
        return inscription.running_since is not None


class SpeakersListDetailSerializer(SpeakersListSerializer):
    speakers = InscriptionSerializer(many=True, help_text="The speakers in order.")
    current = serializers.SerializerMethodField(help_text="The speaker who has the floor.")

    @extend_schema_field(InscriptionSerializer(allow_null=True))
    def get_current(self, speakers_list):
        speaking = [i for i in speakers_list.speakers if i.state == Inscription.State.SPEAKING]
        return InscriptionSerializer(speaking[0], context=self.context).data if speaking else None


class OpenListSerializer(serializers.Serializer):
    item_number = serializers.IntegerField(min_value=1, max_value=32767)


class InscribeSerializer(serializers.Serializer):
    delegation = serializers.PrimaryKeyRelatedField(queryset=Delegation.objects.all())
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Registration.objects.all(), help_text="An approved member of the delegation."
    )
    language = serializers.ChoiceField(
        choices=OFFICIAL_LANGUAGES, help_text="The language of delivery."
    )
    mode = serializers.ChoiceField(
        choices=ParticipationMode.choices,
        required=False,
        help_text="In the room or online; by default as the speaker takes part.",
    )
    level = serializers.ChoiceField(choices=Inscription.Level.choices, required=False)
    on_behalf_of = serializers.ChoiceField(choices=Group.choices, required=False, allow_blank=True)
    group_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="For another group."
    )
    kind = serializers.ChoiceField(choices=Inscription.Kind.choices, required=False)


class MoveSerializer(serializers.Serializer):
    place = serializers.IntegerField(min_value=1, help_text="The new place, from 1.")
    reason = serializers.CharField(max_length=2000, help_text="Why the speaker is moved.")


def _detail(request, speakers_list: SpeakersList, code=status.HTTP_200_OK) -> Response:
    """The list in its order, with its item's title and the speaker who has the floor."""
    rules = queries.rules(speakers_list.session)
    speakers_list.speakers = queries.in_order(speakers_list, rules.by_level)
    context = {
        "agenda": queries.agenda(speakers_list.session),
        "rules": rules,
        "now": timezone.now(),
        "places": {each.pk: place for place, each in enumerate(speakers_list.speakers, 1)},
    }
    return Response(SpeakersListDetailSerializer(speakers_list, context=context).data, code)


def _list(session_slug: str, item_number: int) -> SpeakersList:
    return get_object_or_404(
        SpeakersList.objects.select_related("session"),
        session__slug=session_slug,
        item_number=item_number,
    )


class SpeakersListsView(APIView):
    """The session's lists of speakers, by agenda item (its officers, focal points and
    participants); an officer opens the list of an item."""

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsConferenceOfficer()]
        return [IsAuthenticated(), FollowsSession()]

    @extend_schema(
        parameters=[ACCEPT_LANGUAGE_PARAMETER], responses=SpeakersListSerializer(many=True)
    )
    def get(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        context = {"agenda": queries.agenda(session)}
        lists = queries.lists_of(session)
        return Response(SpeakersListSerializer(lists, many=True, context=context).data)

    @extend_schema(request=OpenListSerializer, responses={201: SpeakersListDetailSerializer})
    def post(self, request, session_slug: str):
        session = get_object_or_404(Session, slug=session_slug)
        serializer = OpenListSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item_number = serializer.validated_data["item_number"]
        speakers_list = services.open_list(session, item_number, request.user)
        return _detail(request, speakers_list, status.HTTP_201_CREATED)


class SpeakersListView(APIView):
    """A list of speakers in its order, with the speaker who has the floor and their
    time (the session's officers, focal points and participants)."""

    permission_classes = [IsAuthenticated, FollowsSession]

    @extend_schema(parameters=[ACCEPT_LANGUAGE_PARAMETER], responses=SpeakersListDetailSerializer)
    def get(self, request, session_slug: str, item_number: int):
        return _detail(request, _list(session_slug, item_number))


class ListChangeView(APIView):
    permission_classes = [IsConferenceOfficer]
    change = None  # the service

    @extend_schema(request=None, responses=SpeakersListDetailSerializer)
    def post(self, request, session_slug: str, item_number: int):
        speakers_list = _list(session_slug, item_number)
        self.change(speakers_list, request.user)
        speakers_list.refresh_from_db(fields=["is_open"])
        return _detail(request, speakers_list)


class InscriptionsView(APIView):
    """Inscribe a delegation on an open list: one of its focal points or an officer."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=InscribeSerializer, responses={201: SpeakersListDetailSerializer})
    def post(self, request, session_slug: str, item_number: int):
        speakers_list = _list(session_slug, item_number)
        serializer = InscribeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        services.inscribe(
            speakers_list, request.user, fields.pop("delegation"), fields.pop("speaker"), **fields
        )
        return _detail(request, speakers_list, status.HTTP_201_CREATED)


class InscriptionChangeView(APIView):
    permission_classes = [IsConferenceOfficer]
    change = None  # the service

    @extend_schema(request=None, responses=SpeakersListDetailSerializer)
    def post(self, request, session_slug: str, item_number: int, inscription_id: int):
        speakers_list = _list(session_slug, item_number)
        inscription = get_object_or_404(
            Inscription.objects.select_related("delegation"),
            pk=inscription_id,
            speakers_list=speakers_list,
        )
        self.change(inscription, request.user)
        return _detail(request, speakers_list)


class CloseListView(ListChangeView):
    """Close the list: it takes no more inscriptions (officers)."""

    change = staticmethod(services.close_list)


class NextSpeakerView(ListChangeView):
    """Give the floor to the next waiting speaker; whoever has it ends (officers)."""

    change = staticmethod(services.give_floor)


class WithdrawView(InscriptionChangeView):
    """Withdraw a waiting speaker: a focal point of the delegation or an officer."""

    permission_classes = [IsAuthenticated]
    change = staticmethod(services.withdraw)


class StartTimerView(InscriptionChangeView):
    """Run the timer of the speaker who has the floor again after a pause (officers)."""

    change = staticmethod(services.start_timer)


class PauseTimerView(InscriptionChangeView):
    """Pause the timer of the speaker who has the floor (officers)."""

    change = staticmethod(services.pause_timer)


class StopTimerView(InscriptionChangeView):
    """The speaker who has the floor has spoken: the timer stops (officers)."""

    change = staticmethod(services.end_statement)


class AbsentView(InscriptionChangeView):
    """A speaker called who is not there: off the order (officers)."""

    change = staticmethod(services.mark_absent)


class MoveView(APIView):
    """An officer moves a waiting speaker to another place, saying why (kept)."""

    permission_classes = [IsConferenceOfficer]

    @extend_schema(request=MoveSerializer, responses=SpeakersListDetailSerializer)
    def post(self, request, session_slug: str, item_number: int, inscription_id: int):
        speakers_list = _list(session_slug, item_number)
        inscription = get_object_or_404(Inscription, pk=inscription_id, speakers_list=speakers_list)
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.move(inscription, data["place"], request.user, data["reason"])
        return _detail(request, speakers_list)


class StatementUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The statement's text: PDF or Word (DOCX).")
    consent_to_publish = serializers.BooleanField(
        default=False,
        help_text="The delegation consents to its publication after delivery, marked "
        "check against delivery.",
    )


class StatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Statement
        fields = ["inscription", "extension", "size", "uploaded_at", "consent_to_publish"]


class StatementView(APIView):
    """Send the text of a speaker's statement for the interpreters, before delivery: a
    focal point of the delegation or an officer (multipart: `file`, `consent_to_publish`).
    The file is checked as every upload (PDF or DOCX by content, size); a new one replaces
    it. Only interpreters, interpretation coordinators and officers read it."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=StatementUploadSerializer, responses={201: StatementSerializer})
    def post(self, request, session_slug: str, item_number: int, inscription_id: int):
        inscription = get_object_or_404(
            Inscription.objects.select_related("delegation"),
            pk=inscription_id,
            speakers_list=_list(session_slug, item_number),
        )
        serializer = StatementUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        statement = statements.upload(
            inscription, request.user, data["file"], data["consent_to_publish"]
        )
        return Response(StatementSerializer(statement).data, status=status.HTTP_201_CREATED)
