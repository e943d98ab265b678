from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from badges import printing
from badges.models import Layout
from sessions_app.models import Session


class Command(BaseCommand):
    help = (
        "Print the badges of a session's approved in-person participants to one PDF, "
        "issuing a badge to each who has none; with a progress bar."
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="the session's slug")
        parser.add_argument("--layout", choices=Layout.values, default=Layout.A6)
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument(
            "--unprinted", action="store_true", help="only those without a printed badge"
        )

    def handle(self, *args, session: str, layout: str, output: str, unprinted: bool, **options):
        found = Session.objects.filter(slug=session).first()
        if found is None:
            raise CommandError(f"No session {session}.")
        ids = printing.select(found, "unprinted" if unprinted else "all")
        if not ids:
            raise CommandError("Nobody to print: no approved in-person participant.")
        with (
            open(output, "wb") as file,
            tqdm(total=len(ids), unit="badge", file=self.stderr._out) as bar,
        ):
            result = printing.print_badges(
                found,
                ids,
                layout=layout,
                on_progress=lambda done, total: bar.update(done - bar.n),
                output=file,
            )
        self.stdout.write(f"{len(ids)} badge(s) written to {output}.")
        for serial, name, reason in result.report:
            self.stdout.write(f"  #{serial} {name}: {reason}")
