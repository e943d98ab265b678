"""The officers' mail log of a registration: what was sent, what waits and what failed, with
the server's answer, and sending a mail again."""

import pytest
from django.core import mail as outbox
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from post_office.models import STATUS

from core import mail
from registration import services
from registration.models import RegistrationMail
from tests.factories import SessionFactory, UserFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=5, slug="ieg-2-2025")


@pytest.fixture
def registration(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return register(session)


def detail(registration) -> str:
    return reverse(
        "registration:console-detail",
        kwargs={"slug": registration.session.slug, "pk": registration.pk},
    )


def resend(client, registration, mail_id):
    return client.post(detail(registration) + "resend/", {"mail": mail_id})


def test_the_officer_sees_the_mail_sent(officer_client, registration):
    page = officer_client.get(detail(registration)).text

    assert "Registration received" in page
    assert registration.email in page
    assert "mail-sent" in page


def test_a_mail_that_waits_shows_the_servers_answer_and_the_next_attempt(
    officer_client, registration
):
    email = registration.mails.get().email
    email.status = STATUS.requeued
    email.save()
    email.logs.create(status=STATUS.failed, message="451 4.3.2 Try again later")

    page = officer_client.get(detail(registration)).text

    assert "Waiting to be sent" in page
    assert "451 4.3.2 Try again later" in page


def test_sending_again_sends_a_copy_and_logs_it(
    officer_client, registration, django_capture_on_commit_callbacks
):
    first = registration.mails.get()
    outbox.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(officer_client, registration, first.pk)

    assert response.status_code == 302
    assert [message.to for message in outbox.outbox] == [[registration.email]]
    assert registration.mails.count() == 2


def test_a_mail_of_another_registration_is_not_sent_again(officer_client, session, registration):
    other = register(session)

    resend(officer_client, other, registration.mails.get().pk)
    resend(officer_client, other, "99999999999999999999999")

    assert RegistrationMail.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "delegate", "participant"])
def test_only_officers_see_the_log_or_send_again(client, registration, who):
    if who == "delegate":
        client.force_login(UserFactory())
    elif who == "participant":
        client.force_login(UserFactory(email=registration.email))

    page = client.get(detail(registration))
    resend(client, registration, registration.mails.get().pk)

    assert "Registration received" not in page.text
    assert page.status_code in (302, 403)
    assert RegistrationMail.objects.count() == 1


def test_sending_again_needs_a_post(officer_client, registration):
    response = officer_client.get(detail(registration) + "resend/")

    assert response.status_code == 405


def test_the_log_costs_the_same_queries_however_many_mails(
    officer_client, session, officer, registration, django_capture_on_commit_callbacks
):
    many = register(session)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            services.approve(many, officer)
            services.return_to_submitted(many, officer, "Again")
    mail.deliver_due()
    officer_client.get(detail(registration))
    with CaptureQueriesContext(connection) as one:
        officer_client.get(detail(registration))
    with CaptureQueriesContext(connection) as more:
        officer_client.get(detail(many))

    assert many.mails.count() > 3
    assert len(more.captured_queries) == len(one.captured_queries)


def test_the_log_speaks_the_officers_language(registration):
    from django.utils import translation

    from registration import mail as registration_mail

    with translation.override("fr"):
        (line,) = registration_mail.log(registration)

    assert (line.kind, line.state_label) == ("Inscription reçue", "Envoyé")
