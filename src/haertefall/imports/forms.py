from django import forms


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label="Registerdatei",
        help_text="CSV (Trennzeichen Semikolon oder Komma; UTF-8 oder Windows-1252) oder "
                  "Excel-Arbeitsmappe (.xlsx, erstes Tabellenblatt).",
        widget=forms.ClearableFileInput(attrs={"class": "kern-form-input__input",
                                               "accept": ".csv,.xlsx,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label="Probelauf: nur prüfen, nichts speichern",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}),
    )
