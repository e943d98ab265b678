"""Thirty focal points inscribe their delegations at the same instant, each of them twice:
each delegation gets one place, nothing fails, and the order is the order in which the
inscriptions were made. Runs on SQLite (file database, IMMEDIATE transactions) and on
PostgreSQL (the list's row locked)."""

import pytest

from proceedings import queries, services
from proceedings.models import Inscription
from tests.concurrency import at_once
from tests.factories import OfficerFactory, SessionFactory, SittingFactory
from tests.proceedings.conftest import AGENDA, inscribe, make_member

DELEGATIONS = 30


@pytest.mark.django_db(transaction=True)
def test_thirty_focal_points_inscribing_at_once_get_one_place_each():
    session = SessionFactory(format="hybrid")
    SittingFactory(session=session, agenda_items_en=AGENDA)
    officer = OfficerFactory()
    members = [make_member(session, officer, f"State {n}") for n in range(DELEGATIONS)]
    speakers_list = services.open_list(session, 3, officer)

    outcomes = at_once(
        2 * DELEGATIONS,
        lambda index: inscribe(speakers_list, members[index % DELEGATIONS]),
        expected=services.SpeakersListError,
    )

    refused = [o for o in outcomes if isinstance(o, services.SpeakersListError)]
    assert {error.code for error in refused} == {"already_inscribed"}
    assert len(refused) == DELEGATIONS
    inscribed = Inscription.objects.filter(speakers_list=speakers_list)
    assert sorted(inscribed.values_list("delegation", flat=True)) == sorted(
        member.delegation.pk for member in members
    )
    in_order = queries.in_order(speakers_list)
    by_arrival = sorted(in_order, key=lambda inscription: inscription.pk)
    assert in_order == by_arrival
    times = [inscription.inscribed_at for inscription in in_order]
    assert times == sorted(times)
