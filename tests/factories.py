"""Shared factories. Times are in Vienna, as at the VIC."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import CONFERENCE_OFFICERS, INTERPRETATION_COORDINATORS, INTERPRETERS
from registration.models import Delegation, Entity, Registration
from sessions_app import services as sessions
from sessions_app.models import Booking, MeetingFormat, Room, Series, Session, Sitting, Venue

VIENNA = ZoneInfo("Europe/Vienna")


def vienna(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), VIENNA)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.SelfAttribute("username")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


class OfficerFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def officer_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=CONFERENCE_OFFICERS))


class CoordinatorFactory(UserFactory):
    """An interpretation coordinator."""

    @factory.post_generation
    def coordinator_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=INTERPRETATION_COORDINATORS))


class InterpreterFactory(UserFactory):
    @factory.post_generation
    def interpreter_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=INTERPRETERS))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = "Open-ended intergovernmental expert group on reducing reoffending"
    short_name = factory.Sequence(lambda n: f"Expert group {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ["slug"]

    name = "Vienna International Centre"
    slug = "vic"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Boardroom {n}")
    slug = factory.Sequence(lambda n: f"room-{n}")
    building = "C"
    floor = "4"
    capacity = 80
    interpretation_booths = 6


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Meeting {n} of the expert group")
    short_name = factory.Sequence(lambda n: f"IEG-{n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start_date = date(2025, 1, 27)
    end_date = date(2025, 1, 31)
    format = MeetingFormat.IN_PERSON
    languages = ["ar", "zh", "en", "fr", "ru", "es"]


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"{n}th plenary meeting")
    start = factory.LazyAttribute(lambda o: vienna(o.session.start_date, 10))
    end = factory.LazyAttribute(lambda o: vienna(o.session.start_date, 13))
    format = MeetingFormat.IN_PERSON


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    start = vienna(date(2025, 1, 27), 10)
    end = vienna(date(2025, 1, 27), 13)
    purpose = "Informal consultations"


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    kind = Entity.Kind.MEMBER_STATE
    name = factory.Sequence(lambda n: f"State {n}")
    regional_group = "WESTERN_EUROPE_OTHERS"


def session_of_a_day(room, day: date, title: str = "Sitting") -> Session:
    """A hybrid session of one day in the room, with one sitting there from 10:00 to 13:00
    in Vienna."""
    session = SessionFactory(
        format="hybrid", room=room, venue=room.venue, start_date=day, end_date=day
    )
    sessions.schedule_sitting(
        session, title=title, room=room, start=vienna(day, 10), end=vienna(day, 13)
    )
    return session


def register(
    session, entity=None, *, mode="in_person", actor=None, submit=True, by_officer=True, **fields
):
    """A registration through the service, with plausible defaults (as an officer would
    make it: whatever the registration window)."""
    from registration import services

    number = next(_people)
    defaults = {
        "salutation": "Ms.",
        "given_name": "Amina",
        "family_name": f"Example{number}",
        "email": f"delegate{number}@example.org",
        "participation_mode": mode,
    }
    return services.register(
        session,
        entity=entity or EntityFactory(),
        actor=actor,
        submit=submit,
        by_officer=by_officer,
        **(defaults | fields),
    )


_people = iter(range(1, 10**9))


def bulk_registrations(session, count: int, state="submitted") -> None:
    """Many registrations at once, straight into the database (for query-count tests)."""
    entities = Entity.objects.bulk_create(
        [
            Entity(
                kind=Entity.Kind.MEMBER_STATE,
                name=f"Bulk State {session.pk}-{n}",
                regional_group="AFRICA",
            )
            for n in range(10)
        ]
    )
    delegations = Delegation.objects.bulk_create(
        [Delegation(session=session, entity=entity) for entity in entities]
    )
    Registration.objects.bulk_create(
        [
            Registration(
                session=session,
                delegation=delegations[n % 10],
                entity=entities[n % 10],
                category=Entity.Kind.MEMBER_STATE,
                participation_mode="in_person",
                state=state,
                salutation="Ms.",
                given_name="Bulk",
                family_name=f"Person {n}",
                email=f"bulk{session.pk}-{n}@example.org",
            )
            for n in range(count)
        ]
    )
