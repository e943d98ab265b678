"""Every mail the site sends is kept in the database before it is sent
(django-post-office's Email, with a Log row per attempt): `EMAIL_BACKEND` is QueueBackend,
so a mail is written in the transaction of the change it tells of, and lost with it if that
rolls back. deliver_due() sends what is due through MAIL_DELIVERY_BACKEND (SMTP, or the
console), from a Celery task kicked once the transaction commits and from Celery beat. A mail
the server refuses is tried again with back-off, then marked failed with the server's answer;
one the server accepted is marked sent and never sent again. A worker claims the mails it
sends (skip-locked rows and a lease), so two workers never send the same one."""

import logging
import smtplib
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import PRIORITY, STATUS, Attachment, Email, Log

from . import outbox
from .files import store_file

logger = logging.getLogger(__name__)

BATCH = 50
# A claimed mail not marked sent or failed this long after (its worker was killed) is sent
# again: at least once, never lost.
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=15)  # then 30 s, 1 min... up to LAST_RETRY
LAST_RETRY = timedelta(hours=1)
MAX_ATTEMPTS = 12  # about six hours of trying
WAITING = (STATUS.queued, STATUS.requeued)


class QueueBackend(BaseEmailBackend):
    """Django's mail backend of the site: queue, in the caller's transaction."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            queue(message)
        return len(email_messages)


def queue(message: EmailMessage) -> Email:
    """Keep the message to be sent once the current transaction commits."""
    html = next(
        (
            body
            for body, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    text = message.body
    if message.content_subtype == "html":
        html, text = message.body, ""
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers["Reply-To"] = ", ".join(message.reply_to)
    email = Email.objects.create(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        subject=message.subject,
        message=text,
        html_message=html,
        headers=headers or None,
        status=STATUS.queued,
        priority=PRIORITY.medium,
    )
    for attachment in message.attachments:
        _attach(email, attachment)
    transaction.on_commit(kick, robust=True)
    return email


def _attach(email: Email, attachment) -> None:
    if isinstance(attachment, MIMEBase):
        name, content = attachment.get_filename(), attachment.get_payload(decode=True)
        mimetype = attachment.get_content_type()
    else:
        name, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    stored = Attachment(name=name, mimetype=mimetype or "")
    store_file(stored.file, name, ContentFile(content))  # deleted again if the change fails
    stored.save()
    stored.emails.add(email)


def kick() -> None:
    """Have a worker send the mail due (at once without a broker; while the broker is down,
    Celery beat's next run after it is back)."""
    from .tasks import deliver_mail

    outbox.publish(deliver_mail)


def resend(email: Email) -> Email:
    """A new copy of a mail, to send again (one that failed, or that its reader lost)."""
    copy = Email.objects.create(
        **{
            field: getattr(email, field)
            for field in ("from_email", "to", "cc", "bcc", "subject", "message", "html_message")
        },
        headers=email.headers,
        status=STATUS.queued,
        priority=PRIORITY.medium,
    )
    copy.attachments.set(email.attachments.all())
    transaction.on_commit(kick, robust=True)
    return copy


def deliver_due(now=None) -> int:
    """Send the mail due, batch after batch; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    while batch := _claim(now):
        connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
        try:
            for number, email in enumerate(batch):
                try:
                    _send(email, connection)
                except Exception as error:
                    _failed(email, error, now)
                    if server_down(error):
                        _later(batch[number + 1 :], now)
                        return sent
                    connection.close()  # a refusal may leave the session unusable
                else:
                    sent += 1
        finally:
            connection.close()
    return sent


def _claim(now) -> list[Email]:
    with transaction.atomic():
        due = list(
            Email.objects.filter(status__in=WAITING)
            .filter(Q(scheduled_time__lte=now) | Q(scheduled_time=None))
            .order_by("pk")
            .select_for_update(skip_locked=True)[:BATCH]
        )
        Email.objects.filter(pk__in=[email.pk for email in due]).update(scheduled_time=now + LEASE)
    return due


def _send(email: Email, connection) -> None:
    connection.send_messages([email.prepare_email_message()])
    now = timezone.now()
    Email.objects.filter(pk=email.pk).update(
        status=STATUS.sent, scheduled_time=None, last_updated=now
    )
    Log.objects.create(email=email, status=STATUS.sent)


def _failed(email: Email, error: Exception, now) -> None:
    attempts = (email.number_of_retries or 0) + 1
    given_up = attempts >= MAX_ATTEMPTS
    Email.objects.filter(pk=email.pk).update(
        status=STATUS.failed if given_up else STATUS.requeued,
        number_of_retries=attempts,
        scheduled_time=None if given_up else now + retry_after(attempts),
        last_updated=timezone.now(),
    )
    Log.objects.create(
        email=email,
        status=STATUS.failed,
        message=server_answer(error)[:2000],
        exception_type=type(error).__name__,
    )
    logger.warning("Mail %s not sent (attempt %d): %s", email.pk, attempts, server_answer(error))


def _later(emails: list[Email], now) -> None:
    """Give back the rest of a batch the server did not take: due again at the first retry."""
    Email.objects.filter(pk__in=[email.pk for email in emails]).update(
        scheduled_time=now + FIRST_RETRY
    )


def server_down(error: Exception) -> bool:
    """The server could not be reached, or hung up: the mails after this one are not tried
    in this run, and it is not their fault (their attempts are not counted). smtplib's
    refusals are OSErrors too, but they are about one mail."""
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def retry_after(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** (attempts - 1), LAST_RETRY)


def server_answer(error: Exception) -> str:
    """What the mail server said ("451 4.7.1 Try again later"), or what went wrong."""
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error
        if isinstance(answer, bytes):
            answer = answer.decode(errors="replace")
        return f"{error.smtp_code} {answer}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {answer.decode(errors='replace')}"
            for address, (code, answer) in error.recipients.items()
        )
    return str(error) or type(error).__name__
