from celery import shared_task

from core import outbox

from . import mail
from .models import ContributionEvent


@shared_task(base=outbox.Task)
def send_contribution_mail(event_id: int, kind: str):
    event = ContributionEvent.objects.select_related(
        "contribution__call__session",
        "contribution__call__series",
        "contribution__entity",
        "contribution__document",
        "contribution__submitted_by__profile",
    ).get(pk=event_id)
    mail.send(event, kind)
