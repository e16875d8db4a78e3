from django.core.management.base import BaseCommand

from haertefall.registers.loading import load_all


class Command(BaseCommand):
    help = "Lädt/aktualisiert Staaten, Ausländerbehörden und Ausschlussgrund-Kataloge aus den mitgelieferten Daten."

    def handle(self, *args, **options):
        counts = load_all()
        self.stdout.write(
            f"Register geladen: {counts['countries']} Staaten, {counts['authorities']} Ausländerbehörden, "
            f"{counts['exclusion_grounds']} Ausschlussgründe."
        )
