from celery import shared_task

from . import calendars
from .models import Sitting


@shared_task
def warm_calendar_events(sitting_ids: list[int]) -> int:
    return calendars.warm(Sitting.objects.filter(pk__in=sitting_ids))
