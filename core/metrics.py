"""Prometheus metrics at /metrics, for the monitoring system only: a request that carries
`Authorization: Bearer METRICS_TOKEN`, or comes from an address in METRICS_NETWORKS, reads
them; any other is refused (403), and with neither set nobody reads them.

- Requests by view, method and status, their latency, and database queries by alias
  (django-prometheus's middleware and database backends), counted by each process: with
  several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (config/gunicorn.py) so that one
  scrape of a machine sums its processes.
- Celery tasks that succeeded, failed or were retried, by task: counted in the shared cache
  by whichever machine ran them, so every machine answers the whole site's counts.
- What the apps count in the database at each scrape (`domain`): registrations by state,
  check-ins, badges printed, for the sessions of the last week and those to come."""

import hmac
import ipaddress
import logging
import os
from collections.abc import Callable, Iterable
from datetime import timedelta

from celery import current_app
from celery.signals import task_failure, task_retry, task_success
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from .http import client_ip

log = logging.getLogger(__name__)
OUTCOMES = ("succeeded", "failed", "retried")
COLLECTORS: list[Callable[[], Iterable[Metric]]] = []


def since():
    """The sessions the domain metrics count: those that ended a week ago at most."""
    return timezone.localdate() - timedelta(days=7)


def domain(collect: Callable[[], Iterable[Metric]]):
    """Register a function of an app that yields metric families read from the database at
    each scrape (in its AppConfig.ready): core knows nothing of the apps above it."""
    COLLECTORS.append(collect)
    return collect


def recent(queryset, *labels: str):
    """Rows of (session slug, *labels, count) of the queryset's objects, counted by session
    (and labels) in one query, for the sessions `since` counts."""
    return (
        queryset.filter(session__end_date__gte=since())
        .values_list("session__slug", *labels)
        .annotate(count=Count("pk"))
        .order_by()
    )


def _key(task: str, outcome: str) -> str:
    return f"metrics:tasks:{task}:{outcome}"


def count_task(name: str, outcome: str) -> None:
    """One more task `name` that ended with `outcome`. A cache that cannot be reached loses
    the count, never the task."""
    key = _key(name, outcome)
    try:
        cache.add(key, 0, timeout=None)
        cache.incr(key)
    except Exception:  # the cache's own errors vary by backend
        log.warning("The outcome of task %s could not be counted", name, exc_info=True)


@task_success.connect(weak=False)
def _succeeded(sender=None, **kwargs):
    count_task(sender.name, "succeeded")


@task_failure.connect(weak=False)
def _failed(sender=None, **kwargs):
    count_task(sender.name, "failed")


@task_retry.connect(weak=False)
def _retried(sender=None, **kwargs):
    count_task(sender.name, "retried")


def tasks() -> Iterable[Metric]:
    current_app.loader.import_default_modules()  # every app's tasks, not only those used here
    names = sorted(name for name in current_app.tasks if not name.startswith("celery."))
    keys = {_key(n, o): (n, o) for n in names for o in OUTCOMES}
    try:
        counts = cache.get_many(list(keys))
    except Exception:
        log.warning("The counts of tasks could not be read from the cache", exc_info=True)
        return
    family = CounterMetricFamily(
        "meetings_celery_tasks",
        "Celery tasks ended, by task and outcome",
        labels=["task", "outcome"],
    )
    for key, labels in keys.items():
        family.add_metric(labels, counts.get(key, 0))
    yield family


class Domain:
    def collect(self) -> Iterable[Metric]:
        yield from tasks()
        for collect in COLLECTORS:
            yield from collect()


_domain = CollectorRegistry()
_domain.register(Domain())


def may_read(request) -> bool:
    if settings.METRICS_TOKEN:
        given = request.headers.get("Authorization", "").encode()
        if hmac.compare_digest(given, f"Bearer {settings.METRICS_TOKEN}".encode()):
            return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_NETWORKS)


@never_cache
def view(request):
    if not may_read(request):
        return HttpResponse(status=403)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(
        generate_latest(registry) + generate_latest(_domain), content_type=CONTENT_TYPE_LATEST
    )
