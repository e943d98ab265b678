"""Registrations by state, for the monitoring system (core.metrics)."""

from prometheus_client.core import GaugeMetricFamily

from core import metrics

from .models import Registration


@metrics.domain
def registrations():
    family = GaugeMetricFamily(
        "meetings_registrations", "Registrations by session and state", labels=["session", "state"]
    )
    for slug, state, count in metrics.recent(Registration.objects.all(), "state"):
        family.add_metric([slug, state], count)
    yield family
