from celery import shared_task

from .auth import delete_expired_tokens


@shared_task
def delete_expired_api_tokens() -> int:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE)."""
    return delete_expired_tokens()
