from django.db import models
from django.utils import timezone


class OutboxTask(models.Model):
    """Work to do once a transaction has committed (core.outbox), written in that
    transaction. The row lives until the work is done, so the broker may lose it."""

    task = models.CharField(max_length=200)  # a Celery task's name
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    # When it was last handed to the broker; the relay hands over again what is not done
    # long after.
    handed_at = models.DateTimeField(null=True)
    attempts = models.PositiveIntegerField(default=0)  # runs that raised
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True)  # given up after MAX_ATTEMPTS

    class Meta:
        indexes = [models.Index(fields=["failed_at", "handed_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
