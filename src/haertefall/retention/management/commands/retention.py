from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from haertefall.retention.services import retention_due, retention_run


class Command(BaseCommand):
    help = ("Löschkonzept: löscht personenbezogene Daten abgeschlossener Fälle nach Ablauf der "
            "Aufbewahrungsfrist; die anonymen Statistikdaten bleiben. --dry-run zeigt nur, was fällig ist.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, nichts löschen.")
        parser.add_argument("--today", help="Stichtag JJJJ-MM-TT (Standard: heute).")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"„{today}“ ist kein Datum im Format JJJJ-MM-TT.") from None
        due = retention_due(today=day)
        header = f"{'Aktenzeichen':<20} {'Erledigung':<48} {'Erledigt am':<12} Fällig seit"
        if dry_run:
            self.stdout.write(f"Fällig zur Löschung am {day:%d.%m.%Y}: {len(due)} Fälle")
            if due:
                self.stdout.write(header)
            for d in due:
                self.stdout.write(f"{d.file_number:<20} {d.closure_label:<48} {d.closed_on:%d.%m.%Y}   {d.due_on:%d.%m.%Y}")
            return
        run = retention_run(actor=None, today=day)
        for d in run.done:
            self.stdout.write(f"gelöscht: {d.file_number} ({d.closure_label}, erledigt {d.closed_on:%d.%m.%Y})")
        for d, error in run.failed:
            self.stderr.write(f"FEHLER bei {d.file_number}: {error}")
        self.stdout.write(f"{len(run.done)} Fälle anonymisiert, {len(run.failed)} Fehler.")
        if run.failed:
            raise CommandError("Nicht alle fälligen Fälle konnten gelöscht werden.")
