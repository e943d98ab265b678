"""A hundred delegates register in person at the same instant for the last ten seats:
exactly ten take a seat, ninety are waitlisted, nothing fails and nobody is registered
twice. Runs on SQLite (file database, IMMEDIATE transactions) and on PostgreSQL (the
session row locked)."""

import pytest

from registration.models import Registration
from registration.services import RegistrationError
from tests.concurrency import at_once
from tests.factories import EntityFactory, SessionFactory, register

THREADS = 100


@pytest.mark.django_db(transaction=True)
def test_hundred_concurrent_registrations_for_the_last_ten_seats():
    session = SessionFactory(format="hybrid", in_person_capacity=30)
    entities = EntityFactory.create_batch(5)
    for number in range(20):
        register(session, entities[number % 5], email=f"early{number}@example.org")

    at_once(
        THREADS,
        lambda index: register(session, entities[index % 5], email=f"late{index}@example.org"),
        expected=(),
    )

    late = Registration.objects.filter(email__startswith="late")
    assert late.count() == THREADS
    assert late.filter(state__in=Registration.SEAT_STATES).count() == 10
    assert late.filter(state=Registration.State.WAITLISTED).count() == 90
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 30


@pytest.mark.django_db(transaction=True)
def test_the_same_person_registering_twice_at_once_is_registered_once():
    session = SessionFactory(format="hybrid", in_person_capacity=30)

    outcomes = at_once(
        10,
        lambda index: register(session, email="same.person@example.org"),
        expected=RegistrationError,
    )

    refused = [o for o in outcomes if isinstance(o, RegistrationError)]
    assert len(refused) == 9
    assert Registration.objects.filter(email="same.person@example.org").count() == 1
