from celery import shared_task

from . import mail, personal_data
from .models import DelegationInvitation, Registration


@shared_task
def send_registration_mail(registration_id: int, kinds: list[str]):
    registration = Registration.objects.select_related(
        "session", "delegation", "participant__profile"
    ).get(pk=registration_id)
    for kind in kinds:
        mail.send(registration, kind)


@shared_task
def send_invitation_mail(invitation_id: int, token: str):
    invitation = DelegationInvitation.objects.select_related(
        "delegation__session", "delegation__entity", "invited_by__profile"
    ).get(pk=invitation_id)
    mail.send_invitation(invitation, token)


@shared_task
def purge_personal_data() -> dict[str, int]:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE)."""
    return personal_data.purge_personal_data()
