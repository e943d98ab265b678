"""A hundred delegates register in person at the same instant for the last ten seats:
exactly ten take a seat, ninety are waitlisted, nothing fails and nobody is registered
twice. Runs on SQLite (file database, IMMEDIATE transactions) and on PostgreSQL (the
session row locked)."""

import threading

import pytest
from django.db import connection

from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, register

THREADS = 100
# PostgreSQL here allows 100 connections: the threads all start at once, and at most this
# many talk to the database together.
CONNECTIONS = threading.BoundedSemaphore(40)


@pytest.mark.django_db(transaction=True)
def test_hundred_concurrent_registrations_for_the_last_ten_seats():
    session = SessionFactory(format="hybrid", in_person_capacity=30)
    entities = EntityFactory.create_batch(5)
    for number in range(20):
        register(session, entities[number % 5], email=f"early{number}@example.org")
    barrier = threading.Barrier(THREADS)
    failed = []

    def attempt(index: int) -> None:
        try:
            barrier.wait()
            with CONNECTIONS:
                register(session, entities[index % 5], email=f"late{index}@example.org")
        except Exception as error:
            failed.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    late = Registration.objects.filter(email__startswith="late")
    assert failed == []
    assert late.count() == THREADS
    assert late.filter(state__in=Registration.SEAT_STATES).count() == 10
    assert late.filter(state=Registration.State.WAITLISTED).count() == 90
    assert Registration.objects.filter(state__in=Registration.SEAT_STATES).count() == 30


@pytest.mark.django_db(transaction=True)
def test_the_same_person_registering_twice_at_once_is_registered_once():
    session = SessionFactory(format="hybrid", in_person_capacity=30)
    barrier = threading.Barrier(10)
    outcomes = []

    def attempt() -> None:
        from registration.services import RegistrationError

        try:
            barrier.wait()
            register(session, email="same.person@example.org")
            outcomes.append("registered")
        except RegistrationError:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 9 + ["registered"]
    assert Registration.objects.filter(email="same.person@example.org").count() == 1
