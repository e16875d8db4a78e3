"""Input forms of the authorities pages: they parse, the services decide."""

from django import forms
from django.utils import timezone

from haertefall.cases.models import Document
from haertefall.cases.states import OTHER_CLOSURE_REASONS, ClosureReason

from .models import InfoRequest, MinistryChannel, Outcome

DATE = forms.DateInput(attrs={"type": "date", "class": "kern-form-input__input"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"class": "kern-form-input__input", "rows": 8})
INPUT = forms.TextInput(attrs={"class": "kern-form-input__input"})
SELECT = forms.Select(attrs={"class": "kern-form-input__select"})
CHECKBOX = forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "kern-form-input__input"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _today():
    return timezone.localdate()


class StatementRequestForm(forms.Form):
    requested_on = forms.DateField(label="Angefordert am", widget=DATE, initial=_today)
    weeks = forms.IntegerField(
        label="Frist in Wochen", min_value=1, max_value=26, widget=forms.NumberInput(attrs={"class": "kern-form-input__input"}),
        help_text="Die Frist endet nach §§ 187, 188, 193 BGB; fällt sie auf ein Wochenende oder einen "
        "Feiertag in NRW, endet sie am nächsten Werktag.",
    )
    documents = forms.ModelMultipleChoiceField(
        label="Dokumente für die Ausländerbehörde", required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        help_text="Die Behörde erhält mit der Anforderung nur die angekreuzten Dokumente; jedes wird einzeln "
        "freigegeben und protokolliert (§ 6 Abs. 2 HFKVO). Ärztliche Atteste und Identitätsnachweise stehen "
        "hier nicht zur Wahl: Sie werden bei Bedarf einzeln mit Bestätigung freigegeben.",
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        field.queryset = documents if documents is not None else Document.objects.none()
        field.label_from_instance = _document_label
        if not self.is_bound:
            # Proposed, not decided: the office sees what goes out and may untick it.
            field.initial = list(field.queryset)
        if not field.queryset.exists():
            del self.fields["documents"]


def _document_label(document) -> str:
    day = f", {document.document_date:%d.%m.%Y}" if document.document_date else ""
    return f"{document.title} ({document.get_doc_type_display()}{day})"


class DocumentReleaseForm(forms.Form):
    """Releasing one document; medical attests and identity papers need the confirmation."""

    confirm_sensitive = forms.BooleanField(
        label="Ich gebe dieses Dokument bewusst frei: Die Behörde benötigt es für ihre Stellungnahme oder "
        "Entscheidung.", required=False, widget=CHECKBOX)


class StatementAnswerForm(forms.Form):
    answered_on = forms.DateField(label="Datum der Stellungnahme (Eingang)", widget=DATE, initial=_today)
    text = forms.CharField(label="Stellungnahme", widget=TEXTAREA, required=False,
                           help_text="Begründete Stellungnahme zum Antrag. Alternativ oder zusätzlich als Datei.")
    files = MultipleFileField(label="Dokumente", required=False,
                              help_text="PDF, JPG, PNG, TIFF, DOCX, ODT oder reiner Text (.txt); mehrere Dateien möglich.")


class StatementExtendForm(forms.Form):
    new_due = forms.DateField(label="Neue Frist", widget=DATE)
    reason = forms.CharField(label="Grund der Verlängerung", widget=INPUT, max_length=300)


class StatementPauseForm(forms.Form):
    action = forms.ChoiceField(choices=[("pause", "Hemmung beginnen"), ("resume", "Frist läuft weiter")],
                               widget=forms.HiddenInput)
    day = forms.DateField(label="Datum", widget=DATE, initial=_today,
                          help_text="Beginn der Hemmung bzw. erster Tag, an dem die Frist weiterläuft.")
    reason = forms.CharField(label="Grund der Hemmung", widget=INPUT, max_length=300, required=False)


class InfoRequestForm(forms.Form):
    recipient = forms.ChoiceField(label="Angefordert bei", choices=InfoRequest.Recipient.choices, widget=SELECT)
    requested_on = forms.DateField(label="Angefordert am", widget=DATE, initial=_today)
    due_on = forms.DateField(label="Frist", widget=DATE)
    text = forms.CharField(label="Was wird angefordert?", widget=TEXTAREA)


class InfoAnswerForm(forms.Form):
    answered_on = forms.DateField(label="Eingangsdatum", widget=DATE, initial=_today)
    text = forms.CharField(label="Antwort", widget=TEXTAREA, required=False)
    files = MultipleFileField(label="Dokumente", required=False)


class HardshipRequestSendForm(forms.Form):
    sent_on = forms.DateField(label="Versanddatum", widget=DATE, initial=_today)


class IntendedDecisionForm(forms.Form):
    follow = forms.TypedChoiceField(
        label="Beabsichtigte Entscheidung", widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
        choices=[("yes", "Dem Ersuchen folgen"), ("no", "Dem Ersuchen nicht folgen")],
        coerce=lambda v: v == "yes",
    )
    reasons = forms.CharField(
        label="Maßgebliche Gründe", widget=TEXTAREA, required=False,
        help_text="Pflicht, wenn die Behörde nicht folgen will (§ 7 Abs. 3 HFKVO). Die Gründe gehen an "
        "das Ministerium und die Geschäftsstelle.",
    )
    recorded_on = forms.DateField(label="Datum der Mitteilung", widget=DATE, initial=_today)
    informed_otherwise_on = forms.DateField(
        label="Ministerium anderweitig informiert am", widget=DATE, required=False,
        help_text="Nur ausfüllen, wenn das Ministerium nicht per E-Mail aus haertefall, sondern auf anderem Weg "
        "informiert wurde (§ 7 Abs. 3 HFKVO).")
    informed_otherwise_channel = forms.ChoiceField(
        label="Weg der Mitteilung an das Ministerium", required=False,
        choices=[("", "– per E-Mail aus haertefall –"),
                 *[c for c in MinistryChannel.choices if c[0] != MinistryChannel.EMAIL]],
        widget=forms.Select(attrs={"class": "kern-form-input__select"}))

    def __init__(self, *args, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            del self.fields["informed_otherwise_on"]
            del self.fields["informed_otherwise_channel"]


class MinistryNoticeOtherwiseForm(forms.Form):
    informed_on = forms.DateField(label="Ministerium informiert am", widget=DATE, initial=_today)
    channel = forms.ChoiceField(label="Weg", choices=[c for c in MinistryChannel.choices if c[0] != MinistryChannel.EMAIL],
                                widget=forms.Select(attrs={"class": "kern-form-input__select"}))


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label="Ergebnis", choices=Outcome.Kind.choices,
                             widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}))
    decided_on = forms.DateField(label="Entschieden am", widget=DATE, initial=_today)
    permit_valid_from = forms.DateField(label="Aufenthaltserlaubnis gültig ab", widget=DATE, required=False)
    permit_valid_until = forms.DateField(label="Aufenthaltserlaubnis gültig bis", widget=DATE, required=False)
    condition_living_costs = forms.BooleanField(label="Bedingung: Lebensunterhalt gesichert (§ 7 Abs. 2 HFKVO)",
                                                required=False, widget=CHECKBOX)
    condition_section_68 = forms.BooleanField(label="Bedingung: Verpflichtungserklärung nach § 68 AufenthG",
                                              required=False, widget=CHECKBOX)
    conditions_other = forms.CharField(label="Weitere Bedingungen / Erläuterung", widget=TEXTAREA, required=False)
    other_reason = forms.ChoiceField(
        label="Art der anderen Erledigung", required=False, widget=SELECT,
        choices=[("", "– nur bei anderer Erledigung –")]
        + [(r.value, r.label) for r in ClosureReason if r in OTHER_CLOSURE_REASONS],
    )

    OUTCOME_FIELDS = ("kind", "decided_on", "permit_valid_from", "permit_valid_until", "condition_living_costs",
                      "condition_section_68", "conditions_other", "other_reason")

    def __init__(self, *args, persons=(), **kwargs):
        """With several persons, one choice per person: the same as the request (default) or
        an outcome of their own (decision 0122)."""
        super().__init__(*args, **kwargs)
        self.persons = list(persons) if len(persons) > 1 else []
        for person in self.persons:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=f"Ergebnis für {person} ({person.get_relationship_display()})", required=False, widget=SELECT,
                choices=[("", "wie das Ergebnis des Ersuchens")] + list(Outcome.Kind.choices),
                help_text="Nur angeben, wenn die Behörde für diese Person anders entschieden hat.")
            self.fields[f"person_{person.pk}_reason"] = forms.ChoiceField(
                label=f"Art der anderen Erledigung für {person}", required=False, widget=SELECT,
                choices=self.fields["other_reason"].choices)

    def outcome_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.OUTCOME_FIELDS}

    def person_outcomes(self) -> dict:
        return {person.pk: (self.cleaned_data[f"person_{person.pk}"], self.cleaned_data[f"person_{person.pk}_reason"])
                for person in self.persons if self.cleaned_data.get(f"person_{person.pk}")}
