from celery import shared_task

from . import reminders


@shared_task
def send_reminders():
    """Run by Celery beat (CELERY_BEAT_SCHEDULE): the reminders due now, each sent once."""
    return reminders.send_due()
