"""Second factor: TOTP devices, backup codes and the QR code for enrolment (django-otp)."""

from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NAME = "Authenticator-App"
BACKUP_NAME = "Notfallcodes"


def second_factor_required() -> bool:
    return bool(getattr(settings, "HAERTEFALL_REQUIRE_2FA", True))


def totp_device_confirmed(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    )


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it for manual entry, in groups of four."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def totp_current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def qr_data_uri(text: str) -> str:
    """QR code as an SVG image in a ``data:`` URI, for an ``<img>`` whose address the template
    escapes like any other value (the CSP allows ``img-src data:`` for it)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode("ascii")


def backup_codes_issue(user) -> list[str]:
    """Replace the user's backup codes with new ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = []
    for _ in range(settings.HAERTEFALL_BACKUP_CODES):
        code = StaticToken.random_token()
        StaticToken.objects.create(device=device, token=code)
        codes.append(code)
    return codes
