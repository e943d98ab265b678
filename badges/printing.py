"""Printing badges: whom to print, and one print-ready PDF for them. Each badge printed is
issued first (a serial, a signed code, who and when); a reprint revokes the old badge. The
page runs this in a Celery task with progress; `render_badges` runs it in the terminal."""

import tempfile
from collections.abc import Callable

from django.core.files import File
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import outbox
from core.choices import label
from core.validators import key_number
from languages.dates import date_range
from languages.official import active_language
from registration.models import Registration
from sessions_app.models import Session

from . import services
from .models import Badge, Layout, PrintJob
from .render import DEFAULT_COLOURS, BadgeData, render_badges

# Whom to print: those without a printed badge, a delegation, a category, a hand-picked
# list, reprints of a hand-picked list, or everyone.
SELECTIONS = ("unprinted", "delegation", "category", "chosen", "reprint", "all")


def printable(session: Session):
    """Approved in-person registrations: the people who get a badge."""
    return Registration.objects.badge_holders().filter(session=session)


def select(session: Session, kind: str, value: str = "", chosen=()) -> list[int]:
    """The registrations (ids, in the order of the entity then the name) of a selection."""
    registrations = printable(session)
    if kind == "unprinted":
        printed = Badge.objects.filter(
            registration=OuterRef("pk"), revoked_at__isnull=True, printed_at__isnull=False
        )
        registrations = registrations.exclude(Exists(printed))
    elif kind == "delegation":
        registrations = registrations.filter(delegation_id=_id(value) if value else None)
    elif kind == "category":
        registrations = registrations.filter(category=value)
    elif kind in ("chosen", "reprint"):
        registrations = registrations.filter(pk__in=[_id(pk) for pk in chosen])
    elif kind != "all":
        raise services.BadgeError(_("Choose whom to print."), code="nobody_chosen")
    return list(
        registrations.order_by("entity__name_en", "family_name", "given_name").values_list(
            "pk", flat=True
        )
    )


def _id(value: str) -> int:
    """An id sent by the page: a number that a key can hold, or the page was not ours."""
    if not (number := key_number(value)):
        raise services.BadgeError(_("Choose whom to print."), code="nobody_chosen")
    return number


def start(session: Session, actor, *, kind: str, layout: str, value="", chosen=()) -> PrintJob:
    """A print job for a selection, run by a Celery task once this commits."""
    from .tasks import run_print_job

    if layout not in Layout.values:
        raise services.BadgeError(_("Choose a layout."), code="layout_needed")
    ids = select(session, kind, value, chosen)
    if not ids:
        raise services.BadgeError(
            _("Nobody to print: no approved in-person participant matches."), code="nobody_to_print"
        )
    job = PrintJob.objects.create(
        session=session,
        requested_by=actor,
        layout=layout,
        language=active_language(),
        registrations=ids,
        reprint=kind == "reprint",
        total=len(ids),
    )
    outbox.enqueue(run_print_job, job.pk)
    return job


def dates_label(session: Session) -> str:
    """The session's days as the badge's language writes them: "27–31 January 2025"."""
    return date_range(session.start_date, session.end_date)


def badge_data(
    registration: Registration, colours: dict, *, qr_modules: list[str], serial: int, preview=False
):
    """What a badge shows (a preview: no code, no serial, marked not valid)."""
    session = registration.session
    dates = dates_label(session)
    photo = None
    if registration.photo:
        with registration.photo.open("rb") as file:
            photo = file.read()
    return BadgeData(
        session_title=session.title,
        dates_label=dates,
        category=registration.category,
        category_label=label(registration, "category"),
        colour=colours.get(registration.category) or DEFAULT_COLOURS[registration.category],
        photo=photo,
        latin_name=f"{label(registration, 'salutation')} {registration.full_name}".strip(),
        own_script_name=registration.name_in_own_script,
        entity_name=registration.entity.display_name,
        qr_modules=qr_modules,
        serial=serial,
        valid_label=dates,
        preview=preview,
    )


def print_badges(
    session: Session,
    registration_ids: list[int],
    *,
    layout: str,
    actor=None,
    reprint: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    output=None,
):
    """Issue (or, for a reprint, reissue) the badges of these registrations and render them
    to one PDF, written to `output` (a binary file) when given; the badges are then
    recorded as printed. Returns the renderer's result (the PDF unless written to the
    file, and who fell back to the Latin name)."""
    colours = services.badging_for(session).colours
    order = {pk: index for index, pk in enumerate(registration_ids)}
    registrations = sorted(
        Registration.objects.filter(pk__in=registration_ids).select_related("session", "entity"),
        key=lambda registration: order[registration.pk],
    )
    if reprint:
        badges = [services.reprint(r, actor, _("Reprinted")) for r in registrations]
    else:
        badges = services.issue_badges(registrations, actor)
    data = [
        badge_data(registration, colours, qr_modules=badge.qr_modules, serial=badge.serial)
        for registration, badge in zip(registrations, badges, strict=True)
    ]
    result = render_badges(data, layout, on_progress=on_progress, output=output)
    Badge.objects.filter(pk__in=[badge.pk for badge in badges]).update(printed_at=timezone.now())
    return result


def run(job: PrintJob) -> PrintJob:
    """Print a job's badges, saving its progress as it goes (for the page to show). A job
    is taken once: queued, or abandoned by a worker that was killed (no progress for
    STALLED), in which case it starts again (issuing is idempotent, and nothing was
    printed). One that stopped its worker MAX_RUNS times fails instead."""
    now = timezone.now()
    taken = (
        PrintJob.objects.filter(pk=job.pk)
        .filter(
            Q(status=PrintJob.Status.QUEUED)
            | Q(status=PrintJob.Status.RUNNING, beat_at__lt=now - PrintJob.STALLED)
        )
        .update(status=PrintJob.Status.RUNNING, beat_at=now, done=0, runs=F("runs") + 1)
    )
    job.refresh_from_db()
    if not taken:
        if job.status == PrintJob.Status.RUNNING:
            raise outbox.Busy  # another worker prints it
        return job  # done or failed
    if job.runs > PrintJob.MAX_RUNS:
        with translation.override(job.language):
            return _fail(
                job,
                _("The worker stopped %(count)d times while printing this batch.")
                % {"count": PrintJob.MAX_RUNS},
            )
    step = max(1, job.total // 50)

    def progress(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            PrintJob.objects.filter(pk=job.pk).update(done=done, beat_at=timezone.now())

    # Through a temporary file: a batch of thousands of badges is never whole in memory.
    with tempfile.TemporaryFile(prefix="badges-") as pdf, translation.override(job.language):
        try:
            result = print_badges(
                job.session,
                job.registrations,
                layout=job.layout,
                actor=job.requested_by,
                reprint=job.reprint,
                on_progress=progress,
                output=pdf,
            )
        except Exception as error:
            _fail(job, str(error))
            raise
        pdf.seek(0)
        job.pdf.save(f"{job.session.slug}-badges-{job.pk}.pdf", File(pdf), save=False)
    job.report = [list(line) for line in result.report]
    job.done, job.status, job.finished_at = job.total, PrintJob.Status.DONE, timezone.now()
    job.save()
    return job


def _fail(job: PrintJob, reason: str) -> PrintJob:
    job.status, job.report = PrintJob.Status.FAILED, [["", "", reason]]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "finished_at"])
    return job


def retry(job: PrintJob) -> PrintJob:
    """Print a failed job again, from the start."""
    from .tasks import run_print_job

    with transaction.atomic():
        job = PrintJob.objects.select_for_update().get(pk=job.pk)
        if job.status != PrintJob.Status.FAILED:
            raise services.BadgeError(
                _("Only a batch that failed can be printed again."), code="not_failed"
            )
        job.status, job.done, job.runs, job.report = PrintJob.Status.QUEUED, 0, 0, []
        job.finished_at = job.beat_at = None
        job.save()
        outbox.enqueue(run_print_job, job.pk)
    return job


def set_layout(session: Session, layout: str) -> None:
    """The session's badge stock, chosen by an officer."""
    if layout not in Layout.values:
        raise services.BadgeError(_("Choose a layout."), code="layout_needed")
    badging = services.badging_for(session)
    badging.layout = layout
    badging.save(update_fields=["layout"])


def preview(registration: Registration) -> bytes:
    """The person's own badge as it will print, without a code: not valid for entry, and
    issuing nothing."""
    badging = services.badging_for(registration.session)
    data = badge_data(registration, badging.colours, qr_modules=[], serial=0, preview=True)
    return render_badges([data], badging.layout).pdf
