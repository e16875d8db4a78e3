"""Password rules beyond Django's validators (ASVS 5.0 V6.2)."""

from django.core.exceptions import ValidationError

MAX_LENGTH = 128


class MaximumLengthValidator:
    """Passphrases up to 128 characters are allowed; longer input is refused with a message
    instead of being cut (hashing very long input would only cost server time)."""

    def validate(self, password, user=None):
        if len(password) > MAX_LENGTH:
            raise ValidationError(
                f"Das Passwort darf höchstens {MAX_LENGTH} Zeichen lang sein.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Höchstens {MAX_LENGTH} Zeichen."
