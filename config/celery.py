"""The Celery app. With no CELERY_BROKER_URL the settings make every task run eagerly,
in process; with Redis or RabbitMQ configured, tasks go to workers:
`celery -A config worker`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
