"""Personal data of registrations: badge photos, visa support letters, and their removal
after the session. Seen only by officers and the person (views check who asks)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from post_office.utils import cleanup_expired_mails

from core.files import atomic_with_files, store_file

from . import kept_photos, signals
from .models import Delegation, Registration
from .photos import PhotoError, prepare_photo
from .services import RegistrationError, check_editable, lock_for_change
from .storage import delete_after_commit


def set_photo(registration: Registration, uploaded, actor, *, by_officer: bool = False):
    """Check, re-encode and keep the badge photo; a refused photo changes nothing."""
    try:
        photo = prepare_photo(uploaded)
    except PhotoError as error:
        raise RegistrationError(str(error)) from error
    with atomic_with_files():
        registration = lock_for_change(registration)
        check_editable(registration, by_officer)
        old = (registration.photo.storage, registration.photo.name)
        store_file(registration.photo, photo.name, photo)
        registration.save(update_fields=["photo", "updated_at"])
        delete_after_commit([old])
    return registration


def sign_visa_letter(registration: Registration, officer) -> Registration:
    """An officer signs off the visa support letter of an approved in-person participant
    who asked for one."""
    with transaction.atomic():
        registration = lock_for_change(registration)
        # Those admitted in person are those who hold a badge.
        if not (registration.holds_badge and registration.needs_visa_letter):
            raise RegistrationError(
                _(
                    "A visa support letter is for an approved in-person "
                    "participant who asked for one."
                )
            )
        registration.visa_letter_signed_by = officer
        registration.visa_letter_signed_at = timezone.now()
        registration.save(
            update_fields=["visa_letter_signed_by", "visa_letter_signed_at", "updated_at"]
        )
    return registration


def purge_personal_data(today=None, *, days: int | None = None) -> dict[str, int]:
    """Remove identity documents, photos, uploaded notes verbales and printed badge PDFs
    (they hold the photos) of sessions that ended more than `days` ago (setting
    PERSONAL_DATA_RETENTION_DAYS), and photos kept for forms left a day ago. Names,
    entities, states, modes, gender and check-ins stay: the attendance summary needs them.
    The mails kept (and logged) for more than `days` go too.
    The apps above clear theirs too (signals.purging_personal_data)."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    cutoff = (today or timezone.localdate()) - timedelta(days=days)
    registrations = Registration.objects.filter(session__end_date__lt=cutoff)
    delegations = Delegation.objects.filter(session__end_date__lt=cutoff).exclude(
        nomination_document=""
    )
    files = [
        *(r.photo for r in registrations.exclude(photo="")),
        *(d.nomination_document for d in delegations),
    ]
    with transaction.atomic():
        identities = registrations.filter(
            ~Q(identity_document_number="")
            | ~Q(identity_document_type="")
            | Q(identity_document_expiry__isnull=False)
        ).update(
            identity_document_type="", identity_document_number="", identity_document_expiry=None
        )
        photos = registrations.exclude(photo="").update(photo="")
        documents = delegations.update(nomination_document="", nomination_uploaded_at=None)
        counts = {"identity documents": identities, "photos": photos, "documents": documents}
        for _receiver, (label, count, more) in signals.purging_personal_data.send(
            sender=Registration, cutoff=cutoff
        ):
            counts[label] = count
            files += more
        delete_after_commit([(file.storage, file.name) for file in files])
    kept_photos.delete_stale()  # photos of forms left with errors, more than a day old
    # Every kept mail (core.mail) older than that: they hold names, links and invitations.
    counts["mails"], _files = cleanup_expired_mails(
        timezone.make_aware(datetime.combine(cutoff, time.min))
    )
    return counts
