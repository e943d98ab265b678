"""The outbox: work recorded with the change that calls for it, done once however often
it is handed over, retried with back-off when it fails, and given up in the end."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone

from core import outbox
from core.models import OutboxTask

pytestmark = pytest.mark.django_db
done = []


@shared_task(base=outbox.Task)
def note(value):
    if value == "fail":
        raise RuntimeError("the work failed")
    done.append(value)


@pytest.fixture(autouse=True)
def _nothing_done():
    done.clear()


def test_work_is_done_once_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(note, "approved")
        assert done == []

    assert done == ["approved"]
    assert not OutboxTask.objects.exists()


def test_work_handed_over_twice_is_done_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        row = outbox.enqueue(note, "approved")

    outbox.hand_over([row])
    outbox.hand_over([row])

    assert done == ["approved"]


def test_only_outbox_tasks_are_recorded():
    @shared_task
    def plain():
        pass

    with pytest.raises(TypeError):
        outbox.enqueue(plain)


def test_failed_work_stays_with_its_error_and_waits_longer_each_time(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue(note, "fail")
    row.refresh_from_db()
    assert (row.attempts, row.last_error) == (1, "RuntimeError: the work failed")

    soon = row.handed_at + outbox.STALE + timedelta(seconds=1)
    assert outbox.relay(soon) == 0  # after one failure it waits twice as long
    assert outbox.relay(row.handed_at + 2 * outbox.STALE + timedelta(seconds=1)) == 1
    row.refresh_from_db()
    assert row.attempts == 2


def test_work_that_keeps_failing_is_given_up(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue(note, "fail")
    outbox.hand_over([row])

    row.refresh_from_db()
    assert row.failed_at is not None
    assert outbox.relay(timezone.now() + timedelta(days=1)) == 0


def test_the_relay_hands_over_work_never_handed_over(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        outbox.enqueue(note, "approved")  # its process died before the commit's callback

    assert outbox.relay(timezone.now() + outbox.NOT_HANDED + timedelta(seconds=1)) == 0
    assert outbox.relay(timezone.now() + outbox.STALE + timedelta(seconds=1)) == 1
    assert done == ["approved"]
