from django.core.management.base import BaseCommand

from haertefall.portal.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, DEMO_USERS


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge an (Passwort und Schlüssel des zweiten Faktors)."

    def handle(self, *args, **options):
        from base64 import b32encode

        from django.conf import settings

        secret = b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode("ascii").rstrip("=")
        self.stdout.write("")
        self.stdout.write(f"Demo-Zugänge für {settings.HAERTEFALL_SITE_URL}  (Passwort für alle: {DEMO_PASSWORD})")
        for username, _first, _last, role, _authority in DEMO_USERS:
            self.stdout.write(f"  {username:<18} {role.label}")
        self.stdout.write("")
        if getattr(settings, "HAERTEFALL_REQUIRE_2FA", True):
            self.stdout.write("Zweiter Faktor (TOTP) – für alle Demo-Konten derselbe, öffentlich bekannte Schlüssel:")
            self.stdout.write(f"  {secret}   (in eine Authenticator-App eintragen)")
            self.stdout.write("  oder den aktuellen Code anzeigen lassen:  haertefall totp-code leitung")
            self.stdout.write("")
