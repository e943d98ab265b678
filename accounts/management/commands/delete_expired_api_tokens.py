from django.core.management.base import BaseCommand

from accounts.auth import delete_expired_tokens


class Command(BaseCommand):
    help = "Delete the API tokens past their expiry. For cron where no Celery beat runs: daily."

    def handle(self, *args, **options):
        self.stdout.write(f"{delete_expired_tokens()} expired API token(s) deleted.")
