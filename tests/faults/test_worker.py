"""A worker killed in the middle of a badge batch: the batch is taken up again by another
and printed whole, each badge issued once, and the progress bar moves on."""

import io
import os
import signal
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
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
ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 100


@pytest.fixture
def people(transactional_db):
    session = SessionFactory(slug="ieg", format="hybrid", in_person_capacity=PEOPLE)
    return [approved(session) for _ in range(PEOPLE)]


def database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return (
        f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        f"/{config['NAME']}"
    )


@pytest.fixture
def worker_process(broker, tmp_path, settings, request):
    """Start a Celery worker of its own process on the test's broker and database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DATABASE", "REDIS", "CELERY", "STORAGE", "PYTEST"))
    } | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker.url(0),
        "VAR_DIR": str(tmp_path / "worker-var"),
    }
    # The fonts this machine made at install, not made again (36 s for the Chinese one).
    (tmp_path / "worker-var").mkdir()
    if (settings.VAR_DIR / "fonts").is_dir():
        (tmp_path / "worker-var" / "fonts").symlink_to(settings.VAR_DIR / "fonts")
    if os.environ.get("TEST_STORAGE") == "s3":
        env["STORAGE_URL"] = request.getfixturevalue("s3_server").url(tmp_path.name)
    else:
        env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    started = []

    def start() -> subprocess.Popen:
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115 (the process's)
        process = subprocess.Popen(
            [BIN / "celery", "-A", "config", "worker", "--pool", "solo", "-l", "info"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
        process.wait(10)


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
