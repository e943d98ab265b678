from celery import shared_task

from . import mail
from .models import Registration


@shared_task
def send_registration_mail(registration_id: int, kind: str, to: list[str] | None = None):
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    mail.send(registration, kind, to)
