from celery import shared_task

from core import outbox

from . import mail, personal_data
from .models import DelegationInvitation, Registration


@shared_task(base=outbox.Task)
def send_registration_mail(registration_id: int, kinds: list[str]):
    registration = (
        Registration.objects.select_related("session", "delegation", "participant__profile")
        .filter(pk=registration_id)
        .first()
    )
    for kind in kinds if registration else ():  # none if deleted meanwhile
        mail.send(registration, kind)


@shared_task(base=outbox.Task)
def send_invitation_mail(invitation_id: int, token: str):
    invitation = (
        DelegationInvitation.objects.select_related(
            "delegation__session", "delegation__entity", "invited_by__profile"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is not None:
        mail.send_invitation(invitation, token)


@shared_task
def purge_personal_data() -> dict[str, int]:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE)."""
    return personal_data.purge_personal_data()
