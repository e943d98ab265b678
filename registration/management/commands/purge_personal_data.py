from django.conf import settings
from django.core.management.base import BaseCommand

from registration.personal_data import purge_personal_data


class Command(BaseCommand):
    help = (
        "Remove identity documents, photos and uploaded documents of sessions that ended "
        "more than N days ago (default: the PERSONAL_DATA_RETENTION_DAYS setting)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PERSONAL_DATA_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):
        removed = purge_personal_data(days=days)
        self.stdout.write(
            ", ".join(f"{count} {what}" for what, count in removed.items()) + " removed."
        )
