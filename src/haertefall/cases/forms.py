"""Forms of the case pages. They parse input; the services decide."""

from django import forms
from django.conf import settings
from django.utils import timezone

from haertefall.accounts.access import assignable_users
from haertefall.registers.models import Authority, Country
from haertefall.registers.ordering import RegisterChoiceField, in_german_order
from haertefall.registers.selectors import country_resolve, grounds_in_force

from .kern import DateInput, KernFormMixin
from .models import (
    SUCCESSOR_HELP,
    Document,
    FormOfAddress,
    PersonName,
    ReasonCategory,
    Relationship,
    SubmitterKind,
)
from .steps import FieldSpec, StepAction

DATE_HELP = "Heute oder ein früheres Datum."


def _today():
    return timezone.localdate()


class CountryField(forms.CharField):
    """Nationality typed as people write it ("Kosovo", "TUR", "Aserbajdschan")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Staatsangehörigkeit")
        kwargs.setdefault("help_text", "Name, amtlicher Name oder ISO-Code, z. B. „Türkei“, „Kosovo“, „SYR“.")
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        self.widget.attrs["list"] = "hf-countries"

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        country = country_resolve(text)
        if country is None:
            raise forms.ValidationError(
                f"„{text}“ ist als Staatsangehörigkeit nicht bekannt. Bitte prüfen Sie die "
                "Schreibweise (z. B. „Türkei“, „Kosovo“, „staatenlos“).")
        return country


def _names(text: str, kind: str) -> list[tuple[str, str, str]]:
    """Lines "Familienname, Vornamen" → (kind, family, given)."""
    result = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        family, _, given = line.partition(",")
        result.append((kind, family.strip(), given.strip()))
    return result


NAMES_HELP = "Eine Namensform pro Zeile: „Familienname, Vornamen“."


class PersonFieldsMixin(forms.Form):
    family_name = forms.CharField(label="Familienname", max_length=150)
    given_names = forms.CharField(label="Vornamen", max_length=150, required=False)
    birth_date = forms.DateField(label="Geburtsdatum", required=False, widget=DateInput())
    nationality = CountryField(required=False)
    other_spellings = forms.CharField(label="Andere Schreibweisen", required=False, help_text=NAMES_HELP,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    aliases = forms.CharField(label="Aliasnamen", required=False, help_text=NAMES_HELP,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def other_names(self) -> list[tuple[str, str, str]]:
        return (_names(self.cleaned_data.get("other_spellings"), PersonName.Kind.SPELLING)
                + _names(self.cleaned_data.get("aliases"), PersonName.Kind.ALIAS))


class IntakeForm(KernFormMixin, PersonFieldsMixin):
    received_on = forms.DateField(label="Eingangsdatum", initial=_today, widget=DateInput(),
                                  help_text=DATE_HELP)
    submitter_name = forms.CharField(label="Name Einreicher/in", max_length=200)
    submitter_kind = forms.ChoiceField(label="Art der Einreichung", choices=SubmitterKind.choices)
    submitter_form_of_address = forms.ChoiceField(
        label="Anrede Einreicher/in", required=False, choices=FormOfAddress.choices,
        help_text="Für die Anrede in Schreiben („Sehr geehrte Frau Dr. Meier,“); leer bei einer Institution.")
    submitter_contact = forms.CharField(
        label="Postanschrift Einreicher/in", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Straße und Hausnummer, Postleitzahl und Ort, je eine Zeile – so erscheint sie im Anschriftfeld.")
    submitter_phone = forms.CharField(label="Telefon Einreicher/in", required=False, max_length=50)
    submitter_email = forms.EmailField(label="E-Mail Einreicher/in", required=False)
    authority = RegisterChoiceField(label="Zuständige Ausländerbehörde", required=False,
                                    queryset=Authority.objects.filter(active=True),
                                    empty_label="– noch nicht bekannt –")
    reason_categories = forms.MultipleChoiceField(label="Vorgetragene Gründe", required=False,
                                                  choices=ReasonCategory.choices,
                                                  widget=forms.CheckboxSelectMultiple)
    reasons_text = forms.CharField(label="Gründe (Freitext)", required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    prior_procedure = forms.CharField(
        label="Bisheriges ausländerrechtliches Verfahren", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Asylverfahren, Aufenthaltstitel, Duldungen, Gerichtsverfahren bis heute – der Antrag "
                  "muss es nachvollziehbar darstellen (§ 4 Abs. 1 Satz 3 HFKVO).")

    field_order = ["received_on", "submitter_name", "submitter_form_of_address", "submitter_kind",
                   "submitter_contact", "submitter_phone", "submitter_email", "authority", "reason_categories", "reasons_text", "prior_procedure",
                   "family_name", "given_names", "other_spellings", "aliases", "birth_date",
                   "nationality"]

    assigned_to = forms.ModelChoiceField(
        label="Zuständige Sachbearbeitung", required=False, queryset=assignable_users(),
        empty_label="– noch niemand (zum Übernehmen) –",
        help_text="Wer den Fall bearbeitet; ohne Auswahl erscheint er unter „Ohne Zuständigkeit“.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_name"].label = "Familienname der Hauptperson"
        self.fields["given_names"].label = "Vornamen der Hauptperson"
        self.fields["birth_date"].label = "Geburtsdatum der Hauptperson"
        self.fields["nationality"].required = True
        self.fields["nationality"].label = "Staatsangehörigkeit der Hauptperson"


class FamilyMemberForm(KernFormMixin, PersonFieldsMixin):
    # A preset relationship keeps an added but untouched row "unchanged", so it is skipped.
    relationship = forms.ChoiceField(
        label="Verhältnis zur Hauptperson", initial=Relationship.CHILD,
        choices=[c for c in Relationship.choices if c[0] != Relationship.MAIN])

    field_order = ["relationship", "family_name", "given_names", "birth_date", "nationality",
                   "other_spellings", "aliases"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].help_text = "Leer lassen, wenn wie bei der Hauptperson."
        self.fields["other_spellings"].widget.attrs["rows"] = 1
        self.fields["aliases"].widget.attrs["rows"] = 1


FamilyFormSet = forms.formset_factory(FamilyMemberForm, extra=0, max_num=20, validate_max=True)


class CaseEditForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    submitter_name = IntakeForm.base_fields["submitter_name"]
    submitter_kind = IntakeForm.base_fields["submitter_kind"]
    submitter_form_of_address = IntakeForm.base_fields["submitter_form_of_address"]
    submitter_contact = IntakeForm.base_fields["submitter_contact"]
    submitter_phone = IntakeForm.base_fields["submitter_phone"]
    submitter_email = IntakeForm.base_fields["submitter_email"]
    authority = IntakeForm.base_fields["authority"]
    reason_categories = IntakeForm.base_fields["reason_categories"]
    reasons_text = IntakeForm.base_fields["reasons_text"]
    prior_procedure = IntakeForm.base_fields["prior_procedure"]


class DocumentForm(KernFormMixin, forms.Form):
    doc_type = forms.ChoiceField(label="Art", choices=Document.Type.choices)
    title = forms.CharField(label="Titel", max_length=200)
    document_date = forms.DateField(label="Datum des Dokuments", required=False, widget=DateInput())
    file = forms.FileField(label="Datei", help_text="PDF, PNG, JPEG, TIFF, DOCX, ODT oder reiner Text (.txt); höchstens "
                           f"{settings.HAERTEFALL_MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")


class DocumentRemoveForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label="Grund", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bleibt mit Titel, Datum und Ihrem Namen im Verlauf der Akte; die Datei selbst wird gelöscht.",
        error_messages={"required": "Bitte geben Sie den Grund an, aus dem das Dokument entfernt wird."})


class DocumentReplaceForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Titel des neuen Dokuments", max_length=200)
    document_date = forms.DateField(label="Datum des Dokuments", required=False, widget=DateInput())
    file = forms.FileField(label="Neue Datei", help_text=DocumentForm.base_fields["file"].help_text,
                           error_messages={"required": "Bitte wählen Sie die neue Datei aus."})
    reason = forms.CharField(
        label="Grund", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bleibt mit beiden Titeln im Verlauf der Akte; die alte Datei wird gelöscht.",
        error_messages={"required": "Bitte geben Sie den Grund an, aus dem das Dokument ersetzt wird."})


class NoteForm(KernFormMixin, forms.Form):
    text = forms.CharField(label="Notiz", widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(KernFormMixin, forms.Form):
    due_on = forms.DateField(label="Wiedervorlage am", widget=DateInput())
    reason = forms.CharField(label="Anlass", max_length=200)


class PersonNameForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Art", choices=PersonName.Kind.choices)
    family_name = forms.CharField(label="Familienname", max_length=150)
    given_names = forms.CharField(label="Vornamen", max_length=150, required=False)


# --- step forms, built from the table in steps.py --------------------------------------------

def _form_field(spec: FieldSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    if spec.kind == "date":
        return forms.DateField(widget=DateInput(), **common)
    if spec.kind == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
    if spec.kind == "line":
        return forms.CharField(max_length=200, **common)
    if spec.kind == "choice":
        return forms.ChoiceField(choices=spec.choices, widget=forms.RadioSelect, **common)
    if spec.kind == "multi":
        return forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple, **common)
    raise ValueError(spec.kind)


class StepFormBase(KernFormMixin, forms.Form):
    effective_on = forms.DateField(label="Datum des Schritts", initial=_today, widget=DateInput(),
                                   help_text="Heute oder ein früheres Datum, nicht vor dem letzten Schritt.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    action: StepAction

    def __init__(self, *args, case=None, **kwargs):
        kwargs.setdefault("prefix", self.action.key)
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["version"].initial = case.version
        if "grounds" in self.fields:
            self.fields["grounds"].choices = [
                (g.pk, f"{g.get_kind_display()}: {g.label} ({g.paragraph})") for g in grounds_in_force(on=_today())]
        if "mandatory_grounds" in self.fields:
            self.fields["mandatory_grounds"].choices = [
                (g.pk, f"{g.label} ({g.paragraph})") for g in grounds_in_force(on=_today())
                if g.kind == g.Kind.MANDATORY]

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("effective_on", "version")}


_STEP_FORMS: dict[str, type[StepFormBase]] = {}


def step_form_class(action: StepAction) -> type[StepFormBase]:
    if action.key not in _STEP_FORMS:
        attrs = {spec.name: _form_field(spec) for spec in action.fields}
        attrs["action"] = action
        _STEP_FORMS[action.key] = type(f"{action.key.title().replace('_', '')}StepForm", (StepFormBase,), attrs)
    return _STEP_FORMS[action.key]


def countries_for_datalist():
    return [country.name for country in in_german_order(Country.objects.filter(historical=False)
                                                        .only("name", "sort_name"))]


class RepeatCheckForm(forms.Form):
    family_name = forms.CharField(max_length=150, required=False)
    given_names = forms.CharField(max_length=150, required=False)
    birth_date = forms.DateField(required=False)


class PersonEditForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    family_name = forms.CharField(label="Familienname", max_length=150)
    given_names = forms.CharField(label="Vornamen", max_length=150, required=False)
    birth_date = forms.DateField(label="Geburtsdatum", required=False, widget=DateInput())
    nationality = CountryField(required=True)
    nationality_successor = RegisterChoiceField(
        label="Nachfolgestaat", required=False, queryset=Country.objects.none(),
        empty_label="– nicht festgestellt (Standard des Registers) –",
        help_text=SUCCESSOR_HELP)

    def __init__(self, *args, nationality=None, **kwargs):
        super().__init__(*args, **kwargs)
        states = nationality.successor_states.all() if nationality is not None else None
        if states is not None and states.exists():
            self.fields["nationality_successor"].queryset = states
        else:
            del self.fields["nationality_successor"]
