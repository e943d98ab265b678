from celery import shared_task

from core import outbox

from . import mail
from .models import Statement


@shared_task(base=outbox.Task)
def send_statement_mail(statement_id: int, place: int):
    statement = (
        Statement.objects.select_related(
            "inscription__speakers_list__session", "inscription__delegation__entity"
        )
        .filter(pk=statement_id)
        .first()
    )
    if statement is not None:  # deleted meanwhile: nothing to tell
        mail.statement_arrived(statement, place)
