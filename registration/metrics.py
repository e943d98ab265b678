"""Registrations by state, for the monitoring system (core.metrics)."""

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from core import metrics

from .models import Registration


@metrics.domain
def registrations():
    family = GaugeMetricFamily(
        "meetings_registrations", "Registrations by session and state", labels=["session", "state"]
    )
    counted = (
        Registration.objects.filter(session__end_date__gte=metrics.since())
        .values_list("session__slug", "state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for slug, state, count in counted:
        family.add_metric([slug, state], count)
    yield family
