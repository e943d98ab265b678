"""Registration follows changes in sessions_app without sessions_app knowing about it."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from sessions_app.models import Session


@receiver(post_save, sender=Session, dispatch_uid="promote_after_session_change")
def promote_after_session_change(sender, instance: Session, created: bool, **kwargs):
    """A larger capacity or room may free places: give them to the waiting list."""
    if created or kwargs.get("raw"):
        return
    from .services import promote_waitlisted

    transaction.on_commit(lambda: promote_waitlisted(instance))
