from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Print a new API token for the user with this e-mail (stored hashed, expiring)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--days", type=int, default=180, help="Days until it expires.")

    def handle(self, *args, email: str, days: int, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the e-mail {email}.")
        instance, token = AuthToken.objects.create(user=user, expiry=timedelta(days=days))
        self.stderr.write(
            f"Token for {user.email}, expires {instance.expiry:%Y-%m-%d %H:%M} UTC. "
            "Send it as 'Authorization: Bearer <token>'. It is shown only once."
        )
        self.stdout.write(token)
