"""The mail server refusing or down: each mail is kept, tried again with back-off, sent once
it is taken, and never sent twice."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from core import mail
from tests.factories import register

pytestmark = pytest.mark.django_db


def queue(to="delegate@example.org", **extra) -> Email:
    return mail.queue(EmailMessage("Registration received", "Thank you.", None, [to], **extra))


def after(attempts: int):
    """A moment after the retry of a mail that failed this many times is due."""
    return timezone.now() + mail.retry_after(attempts) + timedelta(seconds=1)


def test_a_mail_the_server_refuses_waits_with_the_servers_answer(smtp):
    smtp.refusing = True
    email = queue()

    assert mail.deliver_due() == 0

    email.refresh_from_db()
    assert email.status == STATUS.requeued
    assert email.scheduled_time > timezone.now()
    assert email.logs.get().message == "delegate@example.org: 451 4.3.2 Try again later"


def test_a_refused_mail_is_not_tried_again_before_its_time(smtp):
    smtp.refusing = True
    queue()
    mail.deliver_due()
    smtp.refusing = False

    assert mail.deliver_due() == 0
    assert smtp.received == []


def test_a_refused_mail_is_sent_once_the_server_takes_it_and_never_again(smtp):
    smtp.refusing = True
    email = queue()
    mail.deliver_due()
    smtp.refusing = False

    assert mail.deliver_due(after(1)) == 1
    assert mail.deliver_due(after(5)) == 0

    assert [message["To"] for message in smtp.received] == ["delegate@example.org"]
    email.refresh_from_db()
    assert email.status == STATUS.sent


def test_each_refusal_waits_longer(smtp):
    smtp.refusing = True
    email = queue()
    waits, now = [], timezone.now()
    for _attempt in range(3):
        mail.deliver_due(now)
        email.refresh_from_db()
        waits.append(email.scheduled_time - now)
        now = email.scheduled_time

    assert waits[0] < waits[1] < waits[2]


def test_a_mail_is_marked_failed_after_its_last_attempt(smtp, monkeypatch):
    monkeypatch.setattr(mail, "MAX_ATTEMPTS", 2)
    smtp.refusing = True
    email = queue()
    mail.deliver_due()

    mail.deliver_due(after(1))

    email.refresh_from_db()
    assert email.status == STATUS.failed
    assert mail.deliver_due(after(10)) == 0


def test_a_mail_the_server_refuses_does_not_hold_back_the_rest_of_the_batch(smtp):
    smtp.unknown.add("gone@example.org")
    refused, other = queue("gone@example.org"), queue("b@example.org")

    assert mail.deliver_due() == 1

    refused.refresh_from_db(), other.refresh_from_db()
    assert (refused.status, other.status) == (STATUS.requeued, STATUS.sent)
    assert refused.logs.get().message == "gone@example.org: 550 5.1.1 No such mailbox"


def test_with_the_server_down_the_rest_of_the_batch_waits_without_losing_an_attempt(smtp):
    smtp.stop()
    first, second = queue("a@example.org"), queue("b@example.org")

    mail.deliver_due()

    first.refresh_from_db(), second.refresh_from_db()
    assert first.number_of_retries == 1
    assert "refused" in first.logs.get().message.lower()
    assert second.number_of_retries is None
    assert second.scheduled_time > timezone.now()


def test_a_mail_claimed_by_a_worker_that_died_is_sent_after_its_lease(smtp):
    email = queue()
    mail._claim(timezone.now())  # the worker that claimed it was killed

    assert mail.deliver_due() == 0
    assert mail.deliver_due(timezone.now() + mail.LEASE + timedelta(seconds=1)) == 1
    email.refresh_from_db()
    assert email.status == STATUS.sent


def test_the_attachment_and_the_reply_address_are_kept(smtp):
    queue(attachments=[("ieg.ics", "BEGIN:VCALENDAR", "text/calendar")], reply_to=["s@un.org"])

    mail.deliver_due()

    (received,) = smtp.received
    assert received["Reply-To"] == "s@un.org"
    (part,) = list(received.iter_attachments())
    assert (part.get_filename(), part.get_content()) == ("ieg.ics", "BEGIN:VCALENDAR")


def test_a_resent_mail_is_a_new_copy_that_is_sent_again(smtp):
    email = queue()
    mail.deliver_due()

    copy = mail.resend(email)
    mail.deliver_due()

    assert copy.pk != email.pk
    assert len(smtp.received) == 2


def test_the_officer_sees_the_refusal_in_the_registrations_mail_log(
    smtp, officer_client, open_session, django_capture_on_commit_callbacks
):
    smtp.refusing = True
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(open_session)

    page = officer_client.get(
        reverse("registration:console-detail", args=[open_session.slug, registration.pk])
    ).text

    assert "Waiting to be sent" in page
    assert "451 4.3.2 Try again later" in page
