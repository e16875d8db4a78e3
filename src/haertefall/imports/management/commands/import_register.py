"""haertefall import-register FILE [--dry-run] [--actor USERNAME] [--progress]"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from haertefall.imports.access import can_import
from haertefall.imports.services import register_import


class Command(BaseCommand):
    # Django's system checks import the whole URLconf (≈0.6 s, ≈30 MB) and check nothing this
    # command depends on; `haertefall check` and the server run them.
    requires_system_checks = []
    help = "Register der Geschäftsstelle (CSV oder XLSX) importieren – alles oder nichts."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur Registerdatei (.csv oder .xlsx)")
        parser.add_argument("--dry-run", action="store_true",
                            help="Nur prüfen und berichten, nichts speichern (Probelauf).")
        parser.add_argument("--actor", metavar="USERNAME",
                            help="Benutzer der Geschäftsstelle, dem die Ereignisse zugeschrieben werden.")
        parser.add_argument("--progress", action="store_true",
                            help="Fortschrittsbalken auch ohne Terminal anzeigen.")

    def handle(self, *args, file, dry_run, actor, progress, **options):
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor, is_active=True).first()
            if not can_import(user):
                raise CommandError(f"„{actor}“ ist kein aktiver Benutzer der Geschäftsstelle.")
        try:
            with open(file, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise CommandError(f"Die Datei „{file}“ kann nicht gelesen werden: {exc.strerror}.") from None

        show = progress or sys.stderr.isatty()
        bars = {}

        def on_progress(phase, done, total):
            if not show:
                return
            from tqdm import tqdm

            if phase not in bars:
                label = "Prüfen" if phase == "parse" else "Schreiben"
                bars[phase] = tqdm(total=total, desc=label, unit=" Zeilen", file=sys.stderr)
            bar = bars[phase]
            bar.update(done - bar.n)

        try:
            report = register_import(source=data, name=file, actor=user, dry_run=dry_run,
                                     progress=on_progress)
        finally:
            for bar in bars.values():
                bar.close()

        if report.description:
            self.stdout.write(f"Datei: {report.description}")
        if report.unknown_columns:
            names = ", ".join(f"„{c}“" for c in report.unknown_columns)
            self.stdout.write(f"Nicht verwendete Spalten (ignoriert): {names}")
        for warning in report.warnings:
            self.stdout.write(f"Hinweis: {warning['text']}")
        for text in report.error_texts():
            self.stderr.write(text)
        if report.changed_file_numbers:
            self.stdout.write("Geändert: " + ", ".join(report.changed_file_numbers))
        self.stdout.write(f"neu: {report.new}")
        self.stdout.write(f"geändert: {report.changed}")
        self.stdout.write(f"unverändert: {report.unchanged}")
        if report.errors:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
