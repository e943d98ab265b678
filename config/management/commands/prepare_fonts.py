"""Make the static font instances every PDF needs (Noto Sans bold, Noto Sans SC regular)
once, ahead of the first badge print: `make install` and `make run` call it. The lazy build
in pdftext.fonts stays as the fallback."""

from django.core.management.base import BaseCommand

from pdftext.fonts import prepare_static_instances


class Command(BaseCommand):
    help = "Make the static font instances for PDFs, if not yet made."

    def handle(self, *args, **options):
        for path, made in prepare_static_instances():
            self.stdout.write(f"{'Made' if made else 'Ready'}: {path}")
