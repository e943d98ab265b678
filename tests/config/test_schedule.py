"""Celery beat's schedule (CELERY_BEAT_SCHEDULE): each entry names a task the workers
know, which runs, and which a site with cron instead runs as a management command."""

import pytest
from django.conf import settings
from django.core.management import get_commands

from config.celery import app

pytestmark = pytest.mark.django_db
COMMANDS = {
    "core.tasks.relay_outbox": "relay_outbox",
    "core.tasks.deliver_mail": "deliver_mail",
    "online.tasks.send_reminders": "send_reminders",
    "registration.tasks.purge_personal_data": "purge_personal_data",
    "accounts.tasks.delete_expired_api_tokens": "delete_expired_api_tokens",
}


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_each_scheduled_job_is_a_task_that_runs_and_a_command(entry):
    name = settings.CELERY_BEAT_SCHEDULE[entry]["task"]
    app.loader.import_default_modules()

    result = app.tasks[name].apply()

    assert result.successful(), result.traceback
    assert COMMANDS[name] in get_commands()


def test_the_daily_jobs_run_once_a_day():
    daily = [
        settings.CELERY_BEAT_SCHEDULE[entry]["schedule"]
        for entry in ("personal-data-purge", "expired-api-tokens")
    ]

    for schedule in daily:
        assert (len(schedule.hour), len(schedule.minute)) == (1, 1)
        assert (len(schedule.day_of_week), len(schedule.day_of_month)) == (7, 31)
