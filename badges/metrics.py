"""Check-ins at the gate and badges printed, for the monitoring system (core.metrics)."""

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily

from core import metrics

from .models import Badge, CheckIn


def _by_session(name: str, documentation: str, queryset) -> CounterMetricFamily:
    family = CounterMetricFamily(name, documentation, labels=["session"])
    counted = (
        queryset.filter(session__end_date__gte=metrics.since())
        .values_list("session__slug")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for slug, count in counted:
        family.add_metric([slug], count)
    return family


@metrics.domain
def badges():
    yield _by_session("meetings_checkins", "Check-ins at the gate", CheckIn.objects.all())
    yield _by_session(
        "meetings_badges_printed", "Badges printed", Badge.objects.filter(printed_at__isnull=False)
    )
