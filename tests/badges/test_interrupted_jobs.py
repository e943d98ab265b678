"""A print job whose worker was killed: taken up again once it has stalled, never printed by
two workers at once, failed with a reason after MAX_RUNS, and printed again on request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from badges import printing
from badges.models import Badge, PrintJob
from core import outbox
from core.models import OutboxTask
from tests.badges.common import approved
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
PAGE = "/sessions/ieg/badges/"


@pytest.fixture
def session(db):
    return SessionFactory(slug="ieg", format="hybrid")


@pytest.fixture
def job(session, officer):
    people = [approved(session) for _ in range(3)]
    return printing.start(session, officer, kind="all", layout="a6") if people else None


def abandoned(job: PrintJob, runs: int = 1) -> PrintJob:
    """As a worker killed while printing it leaves it: running, silent since long ago."""
    job.status, job.runs, job.done = PrintJob.Status.RUNNING, runs, 1
    job.beat_at = timezone.now() - PrintJob.STALLED - timedelta(seconds=1)
    job.save()
    return job


def test_an_abandoned_job_is_taken_up_again_and_printed_once(job):
    printing.services.issue_badge(job.session.registrations.first(), None)  # the first run's
    abandoned(job)

    printing.run(job)

    job.refresh_from_db()
    assert (job.status, job.done, job.runs) == ("done", 3, 2)
    assert bool(job.pdf)
    assert Badge.objects.filter(revoked_at=None).count() == 3


def test_a_job_another_worker_is_printing_is_left_to_it(job):
    abandoned(job).beat_at = timezone.now()
    job.save()

    with pytest.raises(outbox.Busy):
        printing.run(job)

    job.refresh_from_db()
    assert (job.status, job.runs) == ("running", 1)


def test_its_outbox_row_stays_while_another_worker_prints_it(
    job, django_capture_on_commit_callbacks
):
    row = OutboxTask.objects.get(task="badges.tasks.run_print_job")
    job.status, job.beat_at = PrintJob.Status.RUNNING, timezone.now()
    job.save()

    outbox.hand_over([row])  # eagerly run: Busy

    assert OutboxTask.objects.filter(pk=row.pk).exists()


def test_the_row_goes_once_the_job_is_printed(job):
    outbox.hand_over([OutboxTask.objects.get(task="badges.tasks.run_print_job")])

    job.refresh_from_db()
    assert job.status == "done"
    assert not OutboxTask.objects.filter(task="badges.tasks.run_print_job").exists()


def test_a_job_that_stopped_its_worker_too_often_fails_saying_why(job):
    abandoned(job, runs=PrintJob.MAX_RUNS)

    printing.run(job)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "worker stopped 3 times" in job.report[0][2]


def test_the_page_says_a_stalled_job_was_interrupted(officer_client, job):
    abandoned(job)

    body = officer_client.get(f"{PAGE}jobs/{job.pk}/").json()

    assert body["status_label"].startswith("Interrupted")


def test_a_failed_job_is_printed_again_on_request(
    officer_client, job, django_capture_on_commit_callbacks
):
    abandoned(job, runs=PrintJob.MAX_RUNS)
    printing.run(job)
    assert 'class="job-retry"' in officer_client.get(PAGE).text

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(f"{PAGE}jobs/{job.pk}/retry/")

    job.refresh_from_db()
    assert (job.status, job.done, job.runs) == ("done", 3, 1)


def test_only_a_failed_job_is_printed_again(officer_client, job):
    officer_client.post(f"{PAGE}jobs/{job.pk}/retry/")

    job.refresh_from_db()
    assert job.status == "queued"
    assert OutboxTask.objects.filter(task="badges.tasks.run_print_job").count() == 1


def test_only_officers_print_a_job_again(client, job):
    abandoned(job, runs=PrintJob.MAX_RUNS)
    printing.run(job)
    client.force_login(UserFactory())

    response = client.post(f"{PAGE}jobs/{job.pk}/retry/")

    job.refresh_from_db()
    assert response.status_code in (302, 403)
    assert job.status == "failed"
