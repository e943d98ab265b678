from django.core.management.base import BaseCommand

from core.mail import deliver_due


class Command(BaseCommand):
    help = "Send the queued mail that is due. For cron where no Celery beat runs: every minute."

    def handle(self, *args, **options):
        self.stdout.write(f"{deliver_due()} mail(s) sent.")
