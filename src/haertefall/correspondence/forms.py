from django import forms
from django.utils import timezone


class TemplateUploadForm(forms.Form):
    name = forms.CharField(label="Bezeichnung", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
                           help_text="Zum Beispiel: „Ersuchen, Fassung 2025“.")
    file = forms.FileField(label="Vorlage (DOCX)",
                           widget=forms.ClearableFileInput(attrs={"class": "kern-form-input__input",
                                                                  "accept": ".docx"}),
                           help_text="Word-Dokument mit Platzhaltern wie {{ aktenzeichen }}.")


class LetterCreateForm(forms.Form):
    letter_date = forms.DateField(
        label="Datum des Schreibens", initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date", "class": "kern-form-input__input"}, format="%Y-%m-%d"),
    )
