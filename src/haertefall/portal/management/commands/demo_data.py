from django.core.management.base import BaseCommand, CommandError

from haertefall.cases.models import Case
from haertefall.correspondence.rendering import soffice_path
from haertefall.portal.demo import demo_run


class Command(BaseCommand):
    help = "Legt Demodaten an: Benutzer je Rolle, Verlauf seit 2005 und laufende Fälle in jedem Stand."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Nichts tun, wenn bereits Fälle vorhanden sind.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Case.objects.exists():
            self.stdout.write("Demodaten bereits vorhanden – nichts zu tun.")
            return
        if soffice_path() is None:
            # The demo sends hardship requests, and a sent letter is a PDF/A converted by LibreOffice.
            raise CommandError("LibreOffice fehlt: Die Demodaten versenden Schreiben, deren PDF LibreOffice erzeugt. "
                               "Installieren Sie das Debian-Paket libreoffice-writer-nogui (make run tut das als "
                               "root über scripts/system-deps.sh) oder setzen Sie HAERTEFALL_SOFFICE.")
        demo_run(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demodaten angelegt: {Case.objects.count()} Fälle."))
