"""Input forms of the meeting pages. They parse; the services decide."""

from django import forms

from haertefall.cases.models import Case
from haertefall.cases.states import State

from .models import Attendance, Expectation, ItemDecision, Meeting, Membership


class KernFormMixin:
    """Adds the KERN UX classes to each widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "kern-form-check__checkbox")
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "kern-form-check__radio")
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "kern-form-check__checkbox")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "kern-form-input__select")
            else:
                widget.attrs.setdefault("class", "kern-form-input__input")


class MeetingForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Art der Sitzung", choices=Meeting.Kind.choices, initial=Meeting.Kind.COMMISSION)
    date = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label="Uhrzeit", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label="Ort", required=False, max_length=200,
                            help_text="Leer lassen bei Videokonferenz oder Umlaufverfahren.")
    video_conference = forms.BooleanField(label="Videokonferenz", required=False)
    video_link = forms.URLField(label="Link zur Videokonferenz", required=False, max_length=500,
                                assume_scheme="https",
                                help_text="Nur bei Videokonferenz; geht mit der Einladung an die Eingeladenen.")
    written_procedure = forms.BooleanField(
        label="Umlaufverfahren (nur Vorprüfungsausschuss)", required=False,
        help_text="Beschluss im schriftlichen Umlaufverfahren statt in einer Sitzung.")


class MeetingEditForm(MeetingForm):
    """Date, time and place of a planned session; the kind of session does not change."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("initial", {
            "date": meeting.date, "time": meeting.time, "place": meeting.place,
            "video_conference": meeting.video_conference, "video_link": meeting.video_link,
            "written_procedure": meeting.written_procedure,
        })
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        if not meeting.is_prescreen:
            del self.fields["written_procedure"]


class MeetingCancelForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label="Grund der Absage", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Bitte geben Sie den Grund der Absage an."},
        help_text="Geht per E-Mail an die Eingeladenen: bitte keine Namen und keine Falldaten.")


class AgendaAddForm(KernFormMixin, forms.Form):
    case = forms.ModelChoiceField(label="Fall", queryset=Case.objects.none(),
                                  help_text="Kommission: Fälle „Bereit für Sitzung“; Vorprüfung: formal geprüfte Fälle.")

    def __init__(self, *args, meeting: Meeting, cases, **kwargs):
        super().__init__(*args, **kwargs)
        state = State.CHECKED if meeting.is_prescreen else State.READY
        self.fields["case"].queryset = cases.filter(state=state).exclude(agenda_items__meeting=meeting).order_by(
            "received_on")
        self.fields["case"].label_from_instance = lambda c: f"{c.file_number} ({c.country})"
        self.fields["case"].empty_label = "Bitte wählen"


class AttendanceForm(KernFormMixin, forms.Form):
    def __init__(self, *args, slots, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for slot in slots:
            choices = []
            if slot.member is not None:
                choices.append((Attendance.Status.MEMBER, f"Mitglied anwesend: {slot.member}"))
            if slot.deputy is not None:
                choices.append((Attendance.Status.DEPUTY, f"Stellvertretung anwesend: {slot.deputy}"))
            choices.append((Attendance.Status.ABSENT, "Abwesend"))
            row = current.get(slot.key)
            self.fields[slot.key] = forms.ChoiceField(
                label=slot.label, choices=choices, widget=forms.RadioSelect,
                initial=row.status if row else None)

    def statuses(self) -> dict:
        return {slot.key: self.cleaned_data[slot.key] for slot in self.slots}


def _count(label):
    return forms.IntegerField(label=label, min_value=0, max_value=99, required=False,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class DecisionForm(KernFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Beschluss", widget=forms.RadioSelect)
    yes = _count("Ja-Stimmen")
    no = _count("Nein-Stimmen")
    abstain = _count("Enthaltungen")
    excluded = forms.MultipleChoiceField(
        label="Wegen Befangenheit ausgeschlossen", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Diese Sitze beraten und stimmen zu diesem Punkt nicht mit.")
    reasons = forms.CharField(label="Gründe (für das Protokoll)", widget=forms.Textarea(attrs={"rows": 3}))
    expectations = forms.MultipleChoiceField(
        label="Erwartungen (nur bei Ersuchen)", required=False, choices=Expectation.choices,
        widget=forms.CheckboxSelectMultiple)
    expectations_text = forms.CharField(label="Weitere Erwartungen", required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    recommendation = forms.CharField(
        label="Empfehlung zur Anwendung des geltenden Ausländerrechts (nur ohne Ersuchen)", required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Braucht die Stimmenmehrheit (§ 6 Abs. 3 HFKVO).")
    recommendation_yes = _count("Empfehlung: Ja-Stimmen")
    recommendation_no = _count("Empfehlung: Nein-Stimmen")
    recommendation_abstain = _count("Empfehlung: Enthaltungen")

    def __init__(self, *args, meeting: Meeting, present_slots, prefix_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if meeting.is_prescreen:
            outcomes = [ItemDecision.Outcome.TAKE_UP, ItemDecision.Outcome.NO_TAKE_UP, ItemDecision.Outcome.DEFERRED]
            for name in ("expectations", "expectations_text", "recommendation", "recommendation_yes",
                         "recommendation_no", "recommendation_abstain"):
                del self.fields[name]
        else:
            outcomes = [ItemDecision.Outcome.REQUEST, ItemDecision.Outcome.NO_REQUEST, ItemDecision.Outcome.DEFERRED]
        self.fields["outcome"].choices = [(o.value, o.label) for o in outcomes]
        self.fields["excluded"].choices = [(slot.key, slot.label) for slot in present_slots]
        if not present_slots:
            del self.fields["excluded"]

    def clean(self):
        data = super().clean()
        for prefix in ("", "recommendation_"):
            counts = [data.get(f"{prefix}{n}") for n in ("yes", "no", "abstain")]
            given = [c for c in counts if c is not None]
            if given and len(given) < 3:
                self.add_error(f"{prefix}yes", "Bitte geben Sie Ja-, Nein-Stimmen und Enthaltungen an "
                                               "(0, wenn es keine gab).")
        return data

    def votes(self, prefix=""):
        from .services.decisions import Votes

        counts = [self.cleaned_data.get(f"{prefix}{n}") for n in ("yes", "no", "abstain")]
        if any(c is None for c in counts):
            return None
        return Votes(*counts)


class MembershipForm(KernFormMixin, forms.Form):
    seat = forms.ModelChoiceField(label="Sitz", queryset=None, empty_label="Bitte wählen")
    user = forms.ModelChoiceField(label="Person", queryset=None, empty_label="Bitte wählen",
                                  help_text="Kommissionsmitglieder; für den Vorsitz die Leitung bzw. die "
                                            "Geschäftsstelle.")
    kind = forms.ChoiceField(label="Funktion", choices=Membership.Kind.choices, widget=forms.RadioSelect)
    term_start = forms.DateField(label="Berufen ab", widget=forms.DateInput(attrs={"type": "date"}))
    term_end = forms.DateField(label="Berufen bis", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="Leer lassen für die übliche Amtszeit von zwei Jahren (§ 2 Abs. 1 HFKVO).")

    def __init__(self, *args, commission, **kwargs):
        from .access import appointable_users

        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = commission.seat_set.order_by("number")
        self.fields["user"].queryset = appointable_users().order_by("last_name", "first_name")


class PrescreenCommitteeForm(KernFormMixin, forms.Form):
    """Member and deputy of each of the three places (§ 3 Abs. 3 HFKVO)."""

    PLACES = ((1, "Platz 1 (Vorsitz)"), (2, "Platz 2"), (3, "Platz 3"))

    def __init__(self, *args, commission, people, **kwargs):
        super().__init__(*args, **kwargs)
        current = {p.number: p for p in commission.prescreen_seats.all()}
        for number, label in self.PLACES:
            seat = current.get(number)
            member_help = ("Die Leitung der Geschäftsstelle (Vorsitz der Kommission)." if number == 1
                           else "Ein Mitglied der Kommission, von ihr benannt.")
            self.fields[f"place_{number}_member"] = forms.ModelChoiceField(
                label=f"{label}: Mitglied", queryset=people, empty_label="Bitte wählen",
                initial=seat.member_id if seat else None, help_text=member_help,
                error_messages={"required": f"{label}: Bitte wählen Sie das Mitglied."})
            self.fields[f"place_{number}_deputy"] = forms.ModelChoiceField(
                label=f"{label}: Stellvertretung", queryset=people, required=False, empty_label="keine",
                initial=seat.deputy_id if seat else None, help_text="Ein Mitglied der Kommission.")
        for field in self.fields.values():
            field.label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def places(self) -> dict:
        return {number: (self.cleaned_data[f"place_{number}_member"], self.cleaned_data[f"place_{number}_deputy"])
                for number, _label in self.PLACES}
