from celery import shared_task

from . import mail, outbox


@shared_task
def relay_outbox() -> int:
    """Run by Celery beat every outbox.RELAY_SECONDS."""
    return outbox.relay()


@shared_task
def deliver_mail() -> int:
    """Kicked when mail is queued, and run by Celery beat: the mail due."""
    return mail.deliver_due()
