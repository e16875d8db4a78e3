"""Development helper: print the current second-factor code of a demo account."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.accounts.otp import totp_current_code
from haertefall.portal.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Zeigt den aktuellen TOTP-Code eines Demo-Kontos (nur Entwicklung/Demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not getattr(settings, "HAERTEFALL_DEMO_TOOLS", False):
            raise CommandError("totp-code ist nur in der Entwicklungs-/Demo-Umgebung verfügbar.")
        # Only the published demo secret: this never reveals a real user's code.
        device = TOTPDevice.objects.filter(user__username=username, key=DEMO_TOTP_KEY, confirmed=True).first()
        if device is None:
            raise CommandError(f"„{username}“ hat keinen Demo-Authenticator (haertefall demo-data).")
        self.stdout.write(totp_current_code(device))
