"""Read-side helpers for badges and check-ins."""

from django.db.models import Count

from sessions_app.models import Session

from .models import CheckIn


def checked_in(session: Session) -> dict:
    """People let in at the gate: at least once, and on each day (two queries)."""
    check_ins = CheckIn.objects.filter(session=session)
    return {
        "checked_in": check_ins.aggregate(people=Count("registration", distinct=True))["people"],
        "checked_in_by_day": list(
            check_ins.values("day").annotate(people=Count("registration")).order_by("day")
        ),
    }
