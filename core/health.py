"""Health for load balancers and monitors (django-health-check).

`/health/live`: the process answers, touching nothing else. `/health/ready`: it can serve,
because the database, the cache, the kept files' storage and, where tasks go to workers,
the broker each answer. Both answer JSON with no personal data and nothing about the
machines: each check says "ok" or "failing", and why goes to the log; 503 while one fails,
so that a load balancer sends requests to the other machines."""

import asyncio
import dataclasses
import datetime

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from kombu import Connection


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (Redis or RabbitMQ, as kombu speaks both)."""

    url: str = dataclasses.field(default="", repr=False)
    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self) -> None:
        try:
            with Connection(self.url, connect_timeout=self.timeout.total_seconds()) as broker:
                broker.connect()
        except Exception as error:  # each transport raises its own
            raise ServiceUnavailable("The broker does not answer") from error


NAMES = {Database: "database", Cache: "cache", Storage: "storage", Broker: "broker"}


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


class Ready(HealthCheckView):
    def get_checks(self):
        yield from (Database(), Cache(), Storage())
        if settings.CELERY_BROKER_URL:  # without, tasks run in the web process
            yield Broker(url=settings.CELERY_BROKER_URL)

    async def get(self, request, *args, **kwargs):
        results = await asyncio.gather(*(check.get_result() for check in self.get_checks()))
        checks = {NAMES[type(r.check)]: "failing" if r.error else "ok" for r in results}
        failing = "failing" in checks.values()
        # HealthCheckView.dispatch marks the answer never to be cached.
        return JsonResponse(
            {"status": "failing" if failing else "ok", "checks": checks},
            status=503 if failing else 200,
        )
