from datetime import date

from django import forms
from django.utils import timezone

from .exports import FORMATS
from .report import first_case_year

MIN_YEAR = 1990
MAX_YEARS = 60
INPUT = {"class": "kern-form-input__input"}


class ReportForm(forms.Form):
    """Cut-off date and receipt years of the report (GET)."""

    as_of = forms.DateField(
        label="Stichtag", widget=forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d"),
        help_text="Gezählt wird, was bis zu diesem Tag geschehen war.",
    )
    year_from = forms.IntegerField(label="Eingangsjahre von", min_value=MIN_YEAR,
                                   widget=forms.NumberInput(attrs=INPUT))
    year_to = forms.IntegerField(label="bis", min_value=MIN_YEAR, widget=forms.NumberInput(attrs=INPUT),
                                 help_text="Das laufende Jahr ist erst nach seinem Ende vollständig.")
    country_year = forms.IntegerField(label="Herkunftsländer-Diagramm für das Jahr", required=False,
                                      min_value=MIN_YEAR, widget=forms.NumberInput(attrs=INPUT),
                                      help_text="Ohne Angabe: das letzte Jahr.")
    suppress = forms.BooleanField(
        label="Für Veröffentlichungen: Fallzahlen 1 und 2 in Länder- und Behördentabellen durch „•“ ersetzen",
        required=False, widget=forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}),
    )

    @classmethod
    def defaults(cls) -> dict:
        today = timezone.localdate()
        first = first_case_year() or 2005
        return {"as_of": today.isoformat(), "year_from": min(first, 2005), "year_to": today.year - 1}

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError("Der Stichtag darf nicht in der Zukunft liegen.")
        return as_of

    def clean(self):
        data = super().clean()
        start, end, as_of = data.get("year_from"), data.get("year_to"), data.get("as_of")
        if start is None or end is None:
            return data
        if end < start:
            self.add_error("year_to", "Das Endjahr liegt vor dem Anfangsjahr.")
        elif end - start >= MAX_YEARS:
            self.add_error("year_to", f"Bitte höchstens {MAX_YEARS} Jahre auswählen.")
        if as_of and end > as_of.year:
            self.add_error("year_to", f"Das Jahr {end} liegt nach dem Stichtag.")
        return data

    @property
    def years(self) -> range:
        return range(self.cleaned_data["year_from"], self.cleaned_data["year_to"] + 1)

    @property
    def cut_off(self) -> date:
        return self.cleaned_data["as_of"]


class DownloadForm(ReportForm):
    format = forms.ChoiceField(label="Format", choices=[(f, f.upper()) for f in FORMATS],
                               widget=forms.Select(attrs={"class": "kern-form-input__select"}))

    @classmethod
    def defaults(cls) -> dict:
        return {**super().defaults(), "format": "json"}
    full = forms.BooleanField(label="Ganzer Tätigkeitsbericht", required=False)


class ChapterForm(forms.Form):
    title = forms.CharField(label="Überschrift", max_length=200, widget=forms.TextInput(attrs=INPUT))
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 8, **INPUT}),
                           help_text="Absätze durch eine Leerzeile trennen.")
    order = forms.IntegerField(label="Reihenfolge", min_value=0, max_value=999, widget=forms.NumberInput(attrs=INPUT))
