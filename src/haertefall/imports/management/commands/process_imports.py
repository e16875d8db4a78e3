"""haertefall process-imports [--once] [--interval SECONDS]: the worker for large uploads."""

import time

from django.core.management.base import BaseCommand

from haertefall.imports.jobs import import_jobs_cleanup, import_jobs_process_pending


class Command(BaseCommand):
    help = "Wartende Register-Importe der Upload-Seite verarbeiten (Worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Nur wartende Aufträge abarbeiten, dann beenden.")
        parser.add_argument("--interval", type=float, default=2.0, help="Sekunden zwischen zwei Abfragen.")

    def handle(self, *args, once, interval, **options):
        while True:
            count = import_jobs_process_pending()
            import_jobs_cleanup()
            if count:
                self.stdout.write(f"{count} Import(e) verarbeitet.")
            if once:
                return
            time.sleep(interval)
