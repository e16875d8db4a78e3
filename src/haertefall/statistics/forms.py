from datetime import date

from django import forms
from django.utils import timezone

from .conf import commission_start_year
from .disclosure import cutoff_days_text, is_public_cutoff, public_cutoffs
from .exports import FORMATS

MAX_YEARS = 60
INPUT = {"class": "kern-form-input__input"}


class ReportForm(forms.Form):
    """Cut-off date and receipt years of the report (GET).

    ``public=True`` (the ministry): only the fixed cut-off dates of the public variant, chosen
    from a list (decision 0098).
    """

    as_of = forms.DateField(
        label="Stichtag", widget=forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d"),
        help_text="Gezählt wird, was bis zu diesem Tag geschehen war.",
    )
    # No year before the commission existed (checked in clean_*, with the configured start).
    year_from = forms.IntegerField(label="Eingangsjahre von", widget=forms.NumberInput(attrs=INPUT))
    year_to = forms.IntegerField(label="bis", widget=forms.NumberInput(attrs=INPUT),
                                 help_text="Das laufende Jahr ist erst nach seinem Ende vollständig.")
    country_year = forms.IntegerField(label="Herkunftsländer-Diagramm für das Jahr", required=False,
                                      widget=forms.NumberInput(attrs=INPUT),
                                      help_text="Ohne Angabe: das letzte Jahr.")
    suppress = forms.BooleanField(
        label="Für Veröffentlichungen: kleine Fallzahlen in Länder- und Behördentabellen schützen "
              "(wie in der Statistik für das Ministerium)",
        required=False, widget=forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}),
    )

    recorded_as_of = forms.DateField(
        label="Nach Erfassungsstand vom", required=False,
        widget=forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d"),
        help_text="Nur, was bis zum Ende dieses Tages erfasst war, mit den Werten vor späteren Korrekturen: "
                  "so entsteht ein damals veröffentlichter Bericht genau wieder. Ohne Angabe: heutiger Stand.",
    )

    def __init__(self, *args, public: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.public = public
        for name in ("year_from", "year_to", "country_year"):
            self.fields[name].widget.attrs["min"] = commission_start_year()
        if public:
            self.fields["as_of"] = forms.TypedChoiceField(
                label="Stichtag", coerce=date.fromisoformat,
                choices=[(d.isoformat(), f"{d:%d.%m.%Y}") for d in _public_cutoffs()],
                widget=forms.Select(attrs={"class": "kern-form-input__select"}),
                error_messages={"invalid_choice": (
                    f"Die zusammengefasste Statistik gibt es zu festen Stichtagen ({cutoff_days_text()} "
                    "eines Jahres), nicht in der Zukunft. Bitte einen Stichtag aus der Liste wählen.")},
                help_text="Feste Stichtage: Quartalsenden und der Stichtag des Tätigkeitsberichts.",
            )
            del self.fields["suppress"]
            del self.fields["recorded_as_of"]

    @classmethod
    def defaults(cls, *, public: bool = False) -> dict:
        today = timezone.localdate()
        as_of = _public_cutoffs()[0] if public else today
        return {"as_of": as_of.isoformat(), "year_from": commission_start_year(), "year_to": as_of.year - 1}

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError("Der Stichtag darf nicht in der Zukunft liegen.")
        if self.public and not is_public_cutoff(as_of):
            raise forms.ValidationError(self.fields["as_of"].error_messages["invalid_choice"])
        return as_of

    def _not_before_start(self, name: str) -> int | None:
        year = self.cleaned_data.get(name)
        start = commission_start_year()
        if year is not None and year < start:
            raise forms.ValidationError(
                f"Die Härtefallkommission arbeitet seit {start}; geben Sie bei „{self.fields[name].label}“ "
                f"ein Jahr ab {start} ein.", code="before_start")
        return year

    def clean_year_from(self):
        return self._not_before_start("year_from")

    def clean_year_to(self):
        return self._not_before_start("year_to")

    def clean_country_year(self):
        return self._not_before_start("country_year")

    def clean_recorded_as_of(self):
        recorded_as_of = self.cleaned_data.get("recorded_as_of")
        if recorded_as_of and recorded_as_of > timezone.localdate():
            raise forms.ValidationError("Der Erfassungsstand darf nicht in der Zukunft liegen.")
        return recorded_as_of

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

    @property
    def recorded_cut_off(self) -> date | None:
        return self.cleaned_data.get("recorded_as_of")


class DownloadForm(ReportForm):
    format = forms.ChoiceField(label="Format", choices=[(f, f.upper()) for f in FORMATS],
                               widget=forms.Select(attrs={"class": "kern-form-input__select"}))

    @classmethod
    def defaults(cls, *, public: bool = False) -> dict:
        return {**super().defaults(public=public), "format": "json"}
    full = forms.BooleanField(label="Ganzer Tätigkeitsbericht", required=False)


def _public_cutoffs() -> list[date]:
    return public_cutoffs(first_year=commission_start_year(), today=timezone.localdate())


class ChapterForm(forms.Form):
    title = forms.CharField(label="Überschrift", max_length=200, widget=forms.TextInput(attrs=INPUT))
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 8, **INPUT}),
                           help_text="Absätze durch eine Leerzeile trennen.")
    order = forms.IntegerField(label="Reihenfolge", min_value=0, max_value=999, widget=forms.NumberInput(attrs=INPUT))
