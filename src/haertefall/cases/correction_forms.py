"""Forms of the correction pages (decision 0121): the values as they should be, and why."""

from django import forms

from haertefall.registers.models import Authority

from .forms import CountryField
from .kern import DateInput, KernFormMixin
from .models import SubmitterKind

REASON_HELP = "Pflichtangabe; der Grund steht mit dem alten und dem neuen Wert im Verlauf des Falls."


def _reason_field():
    return forms.CharField(label="Grund der Korrektur", max_length=1000, help_text=REASON_HELP,
                           widget=forms.Textarea(attrs={"rows": 3}))


class CaseCorrectForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    received_on = forms.DateField(
        label="Eingangsdatum", widget=DateInput(),
        help_text="Das Eingangsjahr bestimmt, in welchem Jahrgang der Statistik der Antrag zählt.")
    authority = forms.ModelChoiceField(label="Zuständige Ausländerbehörde", required=False,
                                       queryset=Authority.objects.order_by("name"),
                                       empty_label="– noch nicht bekannt –")
    submitter_name = forms.CharField(label="Einreicher/in", max_length=200, required=False)
    submitter_kind = forms.ChoiceField(label="Art der Einreichung", choices=SubmitterKind.choices)
    reason = _reason_field()


class PersonCorrectForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    family_name = forms.CharField(label="Familienname", max_length=150)
    given_names = forms.CharField(label="Vornamen", max_length=150, required=False)
    birth_date = forms.DateField(label="Geburtsdatum", required=False, widget=DateInput())
    nationality = CountryField(required=True)
    reason = _reason_field()
