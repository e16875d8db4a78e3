"""Forms for login, second factor, password and user administration (parsing only)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from haertefall.registers.models import Authority
from haertefall.registers.ordering import RegisterChoiceField

from .models import Role

_INPUT = "kern-form-input__input"


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Benutzername"
        self.fields["password"].label = "Passwort"
        for field in self.fields.values():
            field.widget.attrs["class"] = _INPUT
        # The same message for unknown users, wrong passwords and inactive accounts.
        message = ("Benutzername oder Passwort sind falsch. Nach mehreren Fehlversuchen wird die "
                   "Anmeldung vorübergehend gesperrt.")
        self.error_messages = {**self.error_messages, "invalid_login": message, "inactive": message}


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Sicherheitscode",
        max_length=20,
        help_text="Sechsstelliger Code aus Ihrer Authenticator-App oder einer Ihrer Notfallcodes.",
        widget=forms.TextInput(attrs={"class": _INPUT, "autocomplete": "one-time-code",
                                      "inputmode": "text", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


class EnrolForm(forms.Form):
    token = forms.CharField(
        label="Code aus der App",
        max_length=10,
        help_text="Der sechsstellige Code, den die App nach dem Einrichten anzeigt.",
        widget=forms.TextInput(attrs={"class": _INPUT, "autocomplete": "one-time-code",
                                      "inputmode": "numeric"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="Bisheriges Passwort", strip=False,
        widget=forms.PasswordInput(attrs={"class": _INPUT, "autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="Neues Passwort", strip=False,
        help_text="Mindestens 12 Zeichen; gern ein langer Satz. Keine häufig verwendeten Passwörter.",
        widget=forms.PasswordInput(attrs={"class": _INPUT, "autocomplete": "new-password"}),
    )
    new_password_repeat = forms.CharField(
        label="Neues Passwort wiederholen", strip=False,
        widget=forms.PasswordInput(attrs={"class": _INPUT, "autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("Das bisherige Passwort ist falsch.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password_repeat"):
            self.add_error("new_password_repeat", "Die beiden neuen Passwörter stimmen nicht überein.")
        return data


class UserForm(forms.Form):
    username = forms.CharField(label="Benutzername", max_length=150,
                               widget=forms.TextInput(attrs={"class": _INPUT, "autocomplete": "off"}))
    first_name = forms.CharField(label="Vorname", max_length=150, required=False,
                                 widget=forms.TextInput(attrs={"class": _INPUT}))
    last_name = forms.CharField(label="Nachname", max_length=150, required=False,
                                widget=forms.TextInput(attrs={"class": _INPUT}))
    email = forms.EmailField(label="E-Mail", required=False, widget=forms.EmailInput(attrs={"class": _INPUT}))
    role = forms.ChoiceField(label="Rolle", choices=Role.choices,
                             widget=forms.Select(attrs={"class": _INPUT}))
    authority = RegisterChoiceField(
        label="Ausländerbehörde", queryset=Authority.objects.all(), required=False,
        help_text="Nur für die Rolle „Ausländerbehörde“.", widget=forms.Select(attrs={"class": _INPUT}),
    )
    password = forms.CharField(
        label="Erstes Passwort", strip=False,
        help_text="Mindestens 12 Zeichen. Teilen Sie es der Person auf sicherem Weg mit.",
        widget=forms.PasswordInput(attrs={"class": _INPUT, "autocomplete": "new-password"}),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["username"]
            self.fields["password"].required = False
            self.fields["password"].label = "Neues Passwort"
            self.fields["password"].help_text = "Leer lassen, um das Passwort nicht zu ändern."
