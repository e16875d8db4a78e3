from django import forms

from .models import AuditEntry

_INPUT = "kern-form-input__input"


class AuditSearchForm(forms.Form):
    person = forms.CharField(label="Person (Name)", required=False, max_length=200,
                             help_text="Findet jeden Zugriff auf die Akte dieser Person.",
                             widget=forms.TextInput(attrs={"class": _INPUT}))
    file_number = forms.CharField(label="Aktenzeichen", required=False, max_length=40,
                                  widget=forms.TextInput(attrs={"class": _INPUT}))
    username = forms.CharField(label="Benutzername", required=False, max_length=150,
                               widget=forms.TextInput(attrs={"class": _INPUT}))
    date_from = forms.DateField(label="Von (Datum)", required=False,
                                widget=forms.DateInput(attrs={"class": _INPUT, "type": "date"}))
    date_to = forms.DateField(label="Bis (Datum)", required=False,
                              widget=forms.DateInput(attrs={"class": _INPUT, "type": "date"}))
    action = forms.ChoiceField(label="Aktion", required=False,
                               choices=[("", "alle")] + list(AuditEntry.Action.choices),
                               widget=forms.Select(attrs={"class": _INPUT}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "Das Ende des Zeitraums liegt vor dem Anfang.")
        return data
