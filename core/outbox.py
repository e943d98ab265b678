"""Work to do once a transaction commits (a mail to write, a badge batch to print),
recorded in that same transaction: the transactional outbox. Once the transaction commits,
the row is handed to Celery; while the broker is down, or after it lost the message in a
restart, the row stays, and the relay (Celery beat every RELAY_SECONDS, or
`manage.py relay_outbox` from cron) hands it over again. The worker deletes the row in the
same transaction as the task's own writes, so work handed over twice is done once.

A task that may be enqueued has `base=outbox.Task`. A long one (a badge batch, with its own
state and progress) sets `atomic=False`: it runs outside a transaction, and its row is
deleted when it returns, so that a worker killed on the way leaves it for the relay. It
must then tell a run in progress from one abandoned, and start again or give up.
"""

import logging
from datetime import timedelta

import celery
from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from .files import atomic_with_files
from .models import OutboxTask

logger = logging.getLogger(__name__)

RELAY_SECONDS = 15
# Work the broker refused is handed over by the relay's first run this long after it was
# recorded.
NOT_HANDED = timedelta(seconds=5)
# Work not done this long after it was handed over is handed over again (doubled after each
# failed run, so that a failing task does not spin).
STALE = timedelta(seconds=60)
MAX_ATTEMPTS = 8


class Busy(Exception):
    """Raised by a long task whose work another worker is doing: its row stays, for the
    relay to hand over again in case that worker dies."""


class Task(celery.Task):
    """A Celery task that enqueue() may record. Called with `outbox_id`, it runs once
    however often that row was handed over."""

    atomic = True
    typing = False  # called with outbox_id, which the task's own function does not take

    def __call__(self, *args, **kwargs):
        pk = kwargs.pop("outbox_id", None)
        if pk is None:
            return super().__call__(*args, **kwargs)
        return _run_once(pk, self.atomic, lambda: super(Task, self).__call__(*args, **kwargs))


def enqueue(task: Task, *args) -> OutboxTask:
    """Record `task(*args)` to run in a worker once the current transaction commits (at
    once without one). The arguments are what JSON holds: ids, not instances."""
    if not isinstance(task, Task):
        raise TypeError(f"{task.name} is not an outbox task")
    # Written as handed over already, which it is once the transaction commits: a write
    # fewer on the way of every change; a refusal takes the mark back (_publish).
    row = OutboxTask.objects.create(task=task.name, args=list(args), handed_at=timezone.now())
    transaction.on_commit(lambda: _publish([row]), robust=True)
    return row


def hand_over(rows: list[OutboxTask]) -> int:
    """Give these rows to the broker; those it refuses stay for the relay. Returns how many
    it took. Never raises: the change that recorded them has committed."""
    OutboxTask.objects.filter(pk__in=[row.pk for row in rows]).update(handed_at=timezone.now())
    return _publish(rows)


def _publish(rows: list[OutboxTask]) -> int:
    """Publish rows marked as handed over; those the broker refuses are unmarked, for the
    relay's next run. Returns how many it took."""
    for number, row in enumerate(rows):
        if not publish(current_app.tasks[row.task], *row.args, outbox_id=row.pk):
            refused = [row.pk for row in rows[number:]]
            OutboxTask.objects.filter(pk__in=refused).update(handed_at=None)  # the relay's next
            logger.warning("%d outbox task(s) wait for the relay", len(refused))
            return number
    return len(rows)


def publish(task: celery.Task, *args, **kwargs) -> bool:
    """Send a Celery task without waiting on a broker that is down: False if it refused.
    Run eagerly (no broker), the task's own failure is logged, not raised."""
    try:
        task.apply_async(args, kwargs, retry=False)
    except (OperationalError, OSError) as error:
        logger.warning("Broker unreachable: %s", error)
        return False
    except Exception:
        logger.exception("Task %s failed", task.name)
    return True


def relay(now=None) -> int:
    """Hand over the work the broker refused, and again the work not done long after it
    was handed over (the broker lost it, or a run failed). Returns how many rows."""
    now = now or timezone.now()
    waiting = OutboxTask.objects.filter(
        Q(handed_at=None, created_at__lt=now - NOT_HANDED) | Q(handed_at__lt=now - STALE),
        failed_at=None,
    ).order_by("pk")
    due = [
        row
        for row in waiting[:1000]
        if row.handed_at is None or row.handed_at <= now - STALE * 2 ** min(row.attempts, 6)
    ]
    return hand_over(due) if due else 0


def _run_once(pk: int, atomic: bool, work):
    """Do the work of a row unless it is done already, deleting the row in the work's
    transaction (or, for long work, once it returns)."""
    try:
        if not atomic:
            if not OutboxTask.objects.filter(pk=pk).exists():
                return None
            try:
                result = work()
            except Busy:
                return None
            OutboxTask.objects.filter(pk=pk).delete()
            return result
        with atomic_with_files():  # a file the work stored goes if it fails
            if OutboxTask.objects.select_for_update().filter(pk=pk).delete()[0]:
                return work()
    except Exception as error:
        _record_failure(pk, error)
        raise
    return None


def _record_failure(pk: int, error: Exception) -> None:
    row = OutboxTask.objects.filter(pk=pk).first()
    if row is None:
        return
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= MAX_ATTEMPTS:
        row.failed_at = timezone.now()
        logger.error("Outbox task %s gave up after %d attempts", row, row.attempts)
    row.save(update_fields=["attempts", "last_error", "failed_at"])
