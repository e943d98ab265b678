from django.core.management.base import BaseCommand, CommandError

from config.demo import seed


class Command(BaseCommand):
    help = (
        "Load the demonstration meeting (the expert group on reducing reoffending, its "
        "sessions, rooms, the UN Member States) and the demo logins. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--participants",
            type=int,
            default=0,
            metavar="N",
            help="Also a session at the size of a Commission (commission-demo) with N "
            "registrations in 150 delegations, e.g. 2500.",
        )

    def handle(self, *args, **options):
        if options["participants"] < 0:
            raise CommandError("--participants is a number of registrations, 0 or more.")
        result = seed(log=self.stdout.write, participants=options["participants"])
        sessions = result["series"].sessions.order_by("start_date")
        for session in sessions:
            self.stdout.write(
                f"  {session.slug:<20} {session.start_date} – {session.end_date}  "
                f"{session.sittings.count()} sittings, {session.documents.count()} documents"
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded. Logins (all share one password, kept in var/demo-password):"
            )
        )
        for email, password in result["users"]:
            self.stdout.write(f"  {email}  {password}")
