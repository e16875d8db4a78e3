"""``haertefall rebuild-statistics``: prove the statistics' read model equal to the events.

Compares, case by case, the stored rows of ``CaseFigures`` with the rows the case's events
give (``statistics.figures``). Without ``--check`` it replaces the rows that differ. Exit code
0: everything was equal; 1: differences were found (and, without ``--check``, repaired), so
that a scheduled run makes itself heard.
"""

from django.core.management.base import BaseCommand, CommandError

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.statistics.figures import figures_rebuild


class Command(BaseCommand):
    requires_system_checks = []
    help = ("Prüft die Statistiktabelle gegen die Ereignisse der Fälle und baut abweichende "
            "Zeilen neu auf (mit --check nur prüfen).")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Nur prüfen und Abweichungen melden, nichts ändern")
        parser.add_argument("--examples", type=int, default=20,
                            help="Höchstens so viele abweichende Fälle einzeln nennen (Standard 20)")

    def handle(self, *args, **opts):
        repair = not opts["check"]
        result = figures_rebuild(repair=repair, max_examples=max(0, opts["examples"]))
        for line in result.examples:
            self.stdout.write(line)
        if result.equal:
            self.stdout.write(f"Statistiktabelle stimmt mit den Ereignissen überein ({result.cases} Fälle).")
            return
        if repair:
            audit_log(user=None, action=AuditEntry.Action.CHANGE, object_type="statistics.figures",
                      detail=f"Statistiktabelle neu aufgebaut: {result.differing} von {result.cases} Fällen")
            raise CommandError(f"{result.differing} von {result.cases} Fällen wichen von den Ereignissen ab "
                               "und wurden neu aufgebaut.")
        raise CommandError(f"{result.differing} von {result.cases} Fällen weichen von den Ereignissen ab "
                           "(nichts geändert; ohne --check neu aufbauen).")
