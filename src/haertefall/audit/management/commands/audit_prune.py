from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_prune


class Command(BaseCommand):
    help = "Löscht Protokolleinträge vor einem Datum (Aufbewahrung des Protokolls, Entscheidung der/des DSB)."

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, help="Datum JJJJ-MM-TT; ältere Einträge werden gelöscht.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, before, dry_run=False, **options):
        try:
            day = date.fromisoformat(before)
        except ValueError:
            raise CommandError(f"„{before}“ ist kein Datum im Format JJJJ-MM-TT.") from None
        if dry_run:
            count = AuditEntry.objects.filter(at__date__lt=day).count()
            self.stdout.write(f"{count} Protokolleinträge vor dem {day:%d.%m.%Y} würden gelöscht.")
            return
        try:
            count = audit_prune(before=day, today=timezone.localdate())
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        self.stdout.write(f"{count} Protokolleinträge vor dem {day:%d.%m.%Y} gelöscht.")
