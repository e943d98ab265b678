"""The broker down, or restarted and empty: a request that changes data succeeds as a
whole, and the work it calls for is done once the broker is back, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.checks import check_services_answer
from core import outbox
from core.models import OutboxTask
from registration.models import Registration, RegistrationMail
from tests.factories import EntityFactory
from tests.faults.conftest import eventually, idle
from tests.registration.test_api import URL, api, new

pytestmark = pytest.mark.django_db(transaction=True)


def later():
    return timezone.now() + outbox.STALE * 2


def test_registering_while_the_broker_is_down_succeeds_and_keeps_the_mail_to_send(
    broker, open_session, delegate
):
    broker.stop()

    response = api(delegate).post(URL, new(EntityFactory()), format="json")

    assert response.status_code == 201
    assert Registration.objects.get().state == "submitted"
    assert OutboxTask.objects.get().task == "registration.tasks.send_registration_mail"


def test_work_the_broker_refused_is_handed_over_by_the_relays_next_run(
    broker, smtp, open_session, delegate, request
):
    broker.stop()
    api(delegate).post(URL, new(EntityFactory()), format="json")
    broker.start()
    request.getfixturevalue("worker")

    assert outbox.relay(timezone.now() + outbox.NOT_HANDED + timedelta(seconds=1)) == 1

    eventually(lambda: len(smtp.received) == 1)


def test_the_mail_of_a_registration_made_while_the_broker_was_down_is_sent_once_it_is_back(
    broker, smtp, open_session, delegate, request
):
    broker.stop()
    api(delegate).post(URL, new(EntityFactory()), format="json")
    broker.start()
    request.getfixturevalue("worker")

    assert outbox.relay(later()) == 1

    eventually(lambda: len(smtp.received) == 1)
    assert smtp.received[0]["To"] == delegate.email
    assert not OutboxTask.objects.exists()


def test_work_lost_in_a_restart_of_the_broker_is_handed_over_again(
    broker, smtp, open_session, delegate, request
):
    api(delegate).post(URL, new(EntityFactory()), format="json")
    broker.stop()  # it keeps nothing on disk: the queued task is gone
    broker.start()
    request.getfixturevalue("worker")

    assert outbox.relay(later()) == 1

    eventually(lambda: len(smtp.received) == 1)


def test_work_handed_over_twice_is_done_once(broker, smtp, open_session, delegate, request):
    api(delegate).post(URL, new(EntityFactory()), format="json")
    assert outbox.relay(later()) == 1  # a second copy in the queue
    request.getfixturevalue("worker")

    eventually(lambda: smtp.received and idle(broker))

    assert len(smtp.received) == 1
    assert RegistrationMail.objects.count() == 1
    assert outbox.relay(later() + timedelta(hours=1)) == 0


def test_the_deploy_check_says_the_broker_is_down(broker, settings):
    settings.CELERY_BROKER_URL = broker.url(0)
    assert "config.W003" not in {message.id for message in check_services_answer()}
    broker.stop()

    assert "config.W003" in {message.id for message in check_services_answer()}
