"""A worker killed in the middle of a badge batch: the batch is taken up again by another
and printed whole, each badge issued once, and the progress bar moves on."""

import io
import signal
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from badges import printing
from badges.models import Badge, PrintJob
from core import outbox
from tests.badges.common import approved
from tests.factories import SessionFactory
from tests.faults.conftest import eventually
from tests.servers import BIN

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 100


@pytest.fixture
def people(transactional_db):
    session = SessionFactory(slug="ieg", format="hybrid", in_person_capacity=PEOPLE)
    return [approved(session) for _ in range(PEOPLE)]


@pytest.fixture
def worker_process(broker, processes):
    """Start a Celery worker of its own process on the test's broker and database."""
    return lambda: processes(
        [BIN / "celery", "-A", "config", "worker", "--pool", "solo", "-l", "info"],
        CELERY_BROKER_URL=broker.url(0),
    )


def test_a_batch_whose_worker_was_killed_is_printed_whole_by_another(
    people, broker, worker_process, officer
):
    with transaction.atomic():
        job = printing.start(people[0].session, officer, kind="all", layout="a6")
    first = worker_process()
    eventually(lambda: PrintJob.objects.get(pk=job.pk).status == "running", 60)

    first.send_signal(signal.SIGKILL)
    first.wait(10)
    job.refresh_from_db()
    assert (job.status, job.runs) == ("running", 1)
    assert job.done < PEOPLE

    # Time passes: the job has stalled, and the relay hands its row over again.
    PrintJob.objects.filter(pk=job.pk).update(
        beat_at=timezone.now() - PrintJob.STALLED - timedelta(seconds=1)
    )
    assert outbox.relay(timezone.now() + outbox.STALE * 2) == 1
    worker_process()

    eventually(lambda: PrintJob.objects.get(pk=job.pk).status == "done", 120)
    job.refresh_from_db()
    assert (job.done, job.runs) == (PEOPLE, 2)
    assert Badge.objects.filter(revoked_at=None).count() == PEOPLE
    with job.pdf.open("rb") as pdf:
        assert len(PdfReader(io.BytesIO(pdf.read())).pages) == PEOPLE
