"""Check-ins at the gate and badges printed, for the monitoring system (core.metrics)."""

from prometheus_client.core import CounterMetricFamily

from core import metrics

from .models import Badge, CheckIn


def _by_session(name: str, documentation: str, queryset) -> CounterMetricFamily:
    family = CounterMetricFamily(name, documentation, labels=["session"])
    for slug, count in metrics.recent(queryset):
        family.add_metric([slug], count)
    return family


@metrics.domain
def badges():
    yield _by_session("meetings_checkins", "Check-ins at the gate", CheckIn.objects.all())
    yield _by_session(
        "meetings_badges_printed", "Badges printed", Badge.objects.filter(printed_at__isnull=False)
    )
