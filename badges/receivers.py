"""Badges follow changes in registration without registration knowing about them."""

from django.dispatch import receiver

from registration.models import Registration
from registration.signals import purging_personal_data, registration_changed
from sessions_app.models import ParticipationMode

from .models import PrintJob
from .services import revoke_live_badge

IN_PERSON = ParticipationMode.IN_PERSON


@receiver(registration_changed, dispatch_uid="revoke_badge_of_leaver")
def revoke_badge_of_leaver(sender, registration, from_state, from_mode, actor, change, **kwargs):
    """A participant who leaves in-person participation (withdrawn, rejected, cancelled,
    moved online) loses their badge at once. One returned for checks keeps it, refused at
    the gate until approved again, so that no reprint is needed."""
    was_in_person = from_mode == IN_PERSON and from_state in Registration.LIVE_STATES
    leaves = not registration.is_live or registration.participation_mode != IN_PERSON
    if was_in_person and leaves:
        revoke_live_badge(registration, actor, change)


@receiver(purging_personal_data, dispatch_uid="purge_printed_badges")
def purge_printed_badges(sender, cutoff, **kwargs):
    """Printed badge PDFs hold the photos."""
    print_jobs = PrintJob.objects.filter(session__end_date__lt=cutoff).exclude(pdf="")
    files = [job.pdf for job in print_jobs]
    return "badge PDFs", print_jobs.update(pdf=""), files
