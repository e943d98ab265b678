from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from sessions_app import content_exchange
from sessions_app.content_units import ContentError, session_units
from sessions_app.models import Session


class Command(BaseCommand):
    help = (
        "Import a translator's XLIFF 2.0 or CSV file of a session's texts, checked whole "
        "first as on the session's content page: nothing is saved if anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="the session's slug, e.g. ieg-2-2025")
        parser.add_argument("language", help="the file's target language, e.g. fr or zh-hans")
        parser.add_argument("path", type=Path, help="the .xlf or .csv file")

    def handle(self, *args, session: str, language: str, path: Path, **options):
        found = Session.objects.filter(slug=session).first()
        if found is None:
            raise CommandError(f"No session {session}.")
        try:
            with path.open("rb") as handle:
                changed = content_exchange.import_file(
                    session_units(found), File(handle, name=path.name), language
                )
        except OSError as error:
            raise CommandError(str(error)) from error
        except ContentError as error:
            for unit_id, _language, message in error.problems:
                self.stderr.write(f"{unit_id or path.name}: {message}")
            raise CommandError("Nothing was imported.") from error
        self.stdout.write(f"{changed} translations updated.")
