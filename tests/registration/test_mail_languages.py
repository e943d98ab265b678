"""Every mail in its recipient's language, whoever caused it and in whatever language:
the participant's account's choice, else the language they read documents in; each focal
point in their own; the session's content (title, programme) in that language too, in
English where it has no translation."""

from datetime import date

import icalendar
import pytest
from django.core import mail

from accounts.languages import set_preferred_language
from registration import delegations, services
from sessions_app import services as sessions
from tests.factories import EntityFactory, SessionFactory, UserFactory, register, vienna

pytestmark = pytest.mark.django_db
DAY = date(2025, 1, 27)


@pytest.fixture
def session(room):
    session = SessionFactory(
        title="Second meeting of the expert group",
        short_name="IEG-2",
        format="hybrid",
        room=room,
        venue=room.venue,
    )
    session.title_fr = "Deuxième réunion du groupe d'experts"
    session.short_name_fr = "GIE-2"
    session.save()
    sessions.schedule_sitting(
        session, title="1st plenary meeting", room=room, start=vienna(DAY, 10), end=vienna(DAY, 13)
    )
    sitting = session.sittings.get()
    sitting.title_fr = "1re séance plénière"
    sitting.save()
    return session


def reader(language: str):
    person = UserFactory()
    set_preferred_language(person, language)
    return person


def approve(session, officer, captured, **fields):
    registration = register(session, mode="online", **fields)
    mail.outbox.clear()
    with captured(execute=True):
        services.approve(registration, officer)
    (message,) = mail.outbox
    return message


def test_an_approval_reaches_a_french_reader_in_french_with_the_french_title(
    session, officer, django_capture_on_commit_callbacks
):
    person = reader("fr")

    message = approve(
        session, officer, django_capture_on_commit_callbacks, email=person.email, participant=person
    )

    assert message.subject == "Inscription approuvée\xa0: GIE-2"
    assert "Deuxième réunion du groupe d'experts" in message.body


def test_the_attached_programme_is_in_the_readers_language(
    session, officer, django_capture_on_commit_callbacks
):
    person = reader("fr")

    message = approve(
        session, officer, django_capture_on_commit_callbacks, email=person.email, participant=person
    )

    ((filename, content, kind),) = message.attachments
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert kind == "text/calendar" and filename.endswith(".ics")
    assert str(event["SUMMARY"]) == "1re séance plénière, GIE-2"


def test_the_officers_page_language_does_not_choose_the_mails(
    client, session, officer, django_capture_on_commit_callbacks
):
    """An officer approving from a Russian page writes to a Chinese reader in Chinese."""
    person = reader("zh-hans")
    registration = register(session, mode="online", email=person.email, participant=person)
    client.force_login(officer)
    client.cookies.load({"django_language": "ru"})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(registration, officer)

    assert mail.outbox[0].subject.startswith("登记已获批准")


def test_content_without_a_translation_comes_in_english(
    session, officer, django_capture_on_commit_callbacks
):
    person = reader("zh-hans")

    message = approve(
        session, officer, django_capture_on_commit_callbacks, email=person.email, participant=person
    )

    assert message.subject == "登记已获批准：IEG-2"
    assert "Second meeting of the expert group" in message.body


def test_a_participant_without_an_account_is_written_to_in_their_documentation_language(
    session, officer, django_capture_on_commit_callbacks
):
    message = approve(
        session, officer, django_capture_on_commit_callbacks, documentation_language="fr"
    )

    assert message.subject == "Inscription approuvée\xa0: GIE-2"


def test_each_focal_point_is_told_of_a_new_member_in_their_own_language(
    session, django_capture_on_commit_callbacks
):
    entity = EntityFactory(name="Austria", code="AUT")
    arabic, spanish, other_spanish = reader("ar"), reader("es"), reader("es")
    services.delegation_for(session, entity).focal_points.add(arabic, spanish, other_spanish)

    with django_capture_on_commit_callbacks(execute=True):
        register(session, entity, mode="online")

    told = {tuple(m.to): m.subject for m in mail.outbox if "@example.org" in m.to[0]}
    assert told[(arabic.email,)].startswith("تسجيل جديد في وفدكم (النمسا")
    assert told[tuple(sorted([spanish.email, other_spanish.email]))].startswith(
        "Nueva inscripción en su delegación (Austria"
    )


def test_an_invitation_is_in_the_invitees_language_or_else_the_inviters(
    session, django_capture_on_commit_callbacks
):
    entity = EntityFactory(name="Austria", code="AUT")
    delegation = services.delegation_for(session, entity)
    inviter, invitee = reader("fr"), reader("zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        delegations.invite_focal_point(delegation, invitee.email, inviter)
        delegations.invite_focal_point(delegation, "no.account@example.org", inviter)

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[invitee.email].startswith("邀请")
    assert subjects["no.account@example.org"].startswith("Invitation\xa0: coordonnateur")
