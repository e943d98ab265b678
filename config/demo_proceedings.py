"""The lists of speakers of the demo sessions: one per agenda item, opened by the officer,
with delegations inscribed by their focal points (the officer for the others), their
approved members as speakers, in the room or online, at several levels of representation,
in the six languages, one statement on behalf of a group per item and a right of reply on
the first item. On the items of sittings already over the speakers have spoken, the floor
given and taken through the services at times inside the sitting; the first such list is
closed. On the items still to be heard the first two speakers have sent their statements,
and the first such item is taken up (the live display shows it). Seeding again adds
nothing twice (a session with lists is left alone)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import translation

from documents.queries import item_numbers
from pdftext.document import BODY, TITLE, Paragraph, build
from proceedings import queries, services, statements
from proceedings.models import Group, Inscription, SpeakersList, SpeakingRules
from registration.models import Registration
from sessions_app.models import Sitting

LEVELS = [
    Inscription.Level.MINISTER,
    Inscription.Level.AMBASSADOR,
    Inscription.Level.OTHER,
    Inscription.Level.DEPUTY_MINISTER,
    Inscription.Level.OTHER,
]
GROUPS = [Group.EUROPEAN_UNION, Group.AFRICA, Group.G77_CHINA, Group.LATIN_AMERICA_CARIBBEAN]
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"]
PER_ITEM = 6
SECONDS = [240, 312, 185, 420, 275, 330, 150]  # plausible statements, under the limits


def seed_proceedings(session, *, now, log=print) -> int:
    """The session's lists of speakers; returns how many inscriptions were added."""
    officer = get_user_model().objects.filter(username="officer@demo.example.org").first()
    if officer is None or SpeakersList.objects.filter(session=session).exists():
        return 0
    SpeakingRules.objects.get_or_create(session=session, defaults={"by_level": True})
    speakers = {}  # one approved member per delegation, in the order they registered
    for registration in (
        Registration.objects.approved()
        .filter(session=session, delegation__isnull=False)
        .select_related("delegation__entity")
        .order_by("pk")
    ):
        speakers.setdefault(registration.delegation_id, registration)
    speakers = list(speakers.values())
    if not speakers:
        return 0
    over = _sitting_over_of_each_item(session, now)
    added, closed, taken_up = 0, False, None
    for index, number in enumerate(queries.agenda(session)):
        speakers_list = services.open_list(session, number, officer)
        chosen = [speakers[(index * 3 + k) % len(speakers)] for k in range(PER_ITEM)]
        for k, speaker in enumerate(dict.fromkeys(chosen)):
            delegation = speaker.delegation
            actor = delegation.focal_points.first() or officer
            language = speaker.speaking_language
            services.inscribe(
                speakers_list,
                actor,
                delegation,
                speaker,
                language=language if language in LANGUAGES else LANGUAGES[(index + k) % 6],
                level=LEVELS[(index + k) % len(LEVELS)],
                on_behalf_of=GROUPS[index % len(GROUPS)] if k == 2 else "",
            )
            added += 1
        if index == 0:  # the first speaker answers another
            first = chosen[0]
            services.inscribe(
                speakers_list,
                officer,
                first.delegation,
                first,
                language="en",
                kind=Inscription.Kind.RIGHT_OF_REPLY,
            )
            added += 1
        if sitting := over.get(number):
            _hear(speakers_list, officer, sitting)
            if not closed:
                services.close_list(speakers_list, officer)
                closed = True
        else:
            _send_statements(speakers_list, officer)
            if taken_up is None:  # the live display shows the first item still to be heard
                taken_up = services.take_up(speakers_list, officer)
    log(f"  {session.slug}: {added} demo inscriptions on lists of speakers")
    return added


def _send_statements(speakers_list, officer) -> None:
    """The first two speakers still to be heard send their statements (a one-page PDF in
    their language of delivery), the first consenting to its publication."""
    for k, inscription in enumerate(queries.in_order(speakers_list)[:2]):
        name = inscription.delegation.entity.display_name
        with translation.override(inscription.language):
            pdf = build(
                [
                    Paragraph(name, TITLE),
                    Paragraph(f"{speakers_list}: {inscription.speaker.full_name}", BODY),
                ],
                title=name,
            )
        statements.upload(
            inscription, officer, ContentFile(pdf, name="statement.pdf"), consent_to_publish=k == 0
        )


def _sitting_over_of_each_item(session, now) -> dict[int, Sitting]:
    """The first sitting already over that took up each item."""
    over = {}
    for sitting in Sitting.objects.filter(session=session, end__lt=now).order_by("start"):
        for number in item_numbers(sitting.agenda_item_list):
            over.setdefault(number, sitting)
    return over


def _hear(speakers_list, officer, sitting) -> None:
    """Everyone on the list speaks in turn, from a quarter of an hour into the sitting."""
    at = sitting.start + timedelta(minutes=15)
    speaker = services.give_floor(speakers_list, officer, now=at)
    turn = 0
    while speaker is not None:
        at += timedelta(seconds=SECONDS[turn % len(SECONDS)])
        turn += 1
        speaker = services.give_floor(speakers_list, officer, now=at)
