from django.core.management.base import BaseCommand

from online.reminders import send_due


class Command(BaseCommand):
    help = (
        "Mail the reminders due now to approved online participants (the day before the "
        "session, an hour before each day's first sitting), each once. For cron where no "
        "Celery broker runs beat: every 5 to 10 minutes."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due()} reminders sent.")
