from django import forms
from django.utils import timezone

from haertefall.cases.kern import DateInput, KernFormMixin

from .models import Channel, Letter, Letterhead


class TemplateUploadForm(forms.Form):
    name = forms.CharField(label="Bezeichnung", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
                           help_text="Zum Beispiel: „Ersuchen, Fassung 2025“.")
    file = forms.FileField(label="Vorlage (DOCX)",
                           widget=forms.ClearableFileInput(attrs={"class": "kern-form-input__input",
                                                                  "accept": ".docx"}),
                           help_text="Word-Dokument mit Platzhaltern wie {{ aktenzeichen }}.")


class LetterCreateForm(KernFormMixin, forms.Form):
    letter_date = forms.DateField(label="Datum des Schreibens", initial=timezone.localdate, widget=DateInput())


class LetterDraftForm(KernFormMixin, forms.ModelForm):
    """What the office may correct in a draft (decision 0110)."""

    class Meta:
        model = Letter
        fields = ["recipient", "recipient_address", "salutation", "additional_text", "contact_name",
                  "contact_phone", "contact_email", "letter_date"]
        widgets = {"recipient_address": forms.Textarea(attrs={"rows": 4}),
                   "additional_text": forms.Textarea(attrs={"rows": 5}),
                   "letter_date": DateInput()}
        labels = {"recipient": "Empfängerin / Empfänger", "recipient_address": "Anschrift (ohne Namen)"}


class LetterSendForm(KernFormMixin, forms.Form):
    dispatched_on = forms.DateField(label="Versandt am", initial=timezone.localdate, widget=DateInput())
    channel = forms.ChoiceField(label="Versandweg", choices=Channel.choices, initial=Channel.POST)


class LetterheadForm(KernFormMixin, forms.ModelForm):
    remove_logo = forms.BooleanField(label="Logo entfernen", required=False)

    class Meta:
        model = Letterhead
        fields = ["name", "addition", "address", "return_line", "phone", "email", "website", "footer", "logo"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}
