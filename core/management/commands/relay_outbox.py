from django.core.management.base import BaseCommand

from core.outbox import relay


class Command(BaseCommand):
    help = (
        "Hand to the workers again the work recorded after a commit and not done (the broker "
        "was down). For cron where no Celery beat runs: every minute."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{relay()} outbox task(s) handed over.")
