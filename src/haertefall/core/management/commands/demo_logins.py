from django.core.management.base import BaseCommand

from haertefall.core.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge an."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write("Demo-Zugänge für http://127.0.0.1:8000  (Passwort für alle: %s)" % DEMO_PASSWORD)
        for username, first, last, role, _authority in DEMO_USERS:
            self.stdout.write(f"  {username:<18} {role.label}")
        self.stdout.write("")
