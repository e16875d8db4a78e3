from django.core.management.base import BaseCommand

from haertefall.cases.models import Case
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
        demo_run(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demodaten angelegt: {Case.objects.count()} Fälle."))
