from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Revoke every API token of the user with this e-mail."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the e-mail {email}.")
        count, _ = AuthToken.objects.filter(user=user).delete()
        self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
