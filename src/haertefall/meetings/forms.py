"""Input forms of the meeting pages. They parse; the services decide."""

from django import forms
from django.db.models import Q

from haertefall.cases.models import Case
from haertefall.cases.states import Closure, State

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
    case = forms.ModelChoiceField(
        label="Fall", queryset=Case.objects.none(),
        help_text="Kommission: Fälle „Bereit für Sitzung“ zur Beratung über ein Ersuchen und formal geprüfte "
                  "Fälle zur Befassung (§ 4 Abs. 3 HFKVO); Vorprüfungsausschuss: formal geprüfte Fälle.")

    def __init__(self, *args, meeting: Meeting, cases, **kwargs):
        super().__init__(*args, **kwargs)
        states = [State.CHECKED] if meeting.is_prescreen else [State.READY, State.CHECKED]
        # By file number (year, then number: the number is zero-padded within its year); the
        # persons are read with the cases for the main person's name in each option.
        self.fields["case"].queryset = (cases.filter(state__in=states).exclude(agenda_items__meeting=meeting)
                                        .select_related("country").prefetch_related("persons")
                                        .order_by("year", "file_number"))
        take_up = "" if meeting.is_prescreen else " – Befassung, § 4 Abs. 3 HFKVO"
        self.fields["case"].label_from_instance = lambda c: (
            f"{c.file_number} – {c.main_person or 'ohne Hauptperson'} – {c.country}"
            + (take_up if c.state == State.CHECKED else ""))
        self.fields["case"].empty_label = "Bitte wählen"


class RevocationAgendaForm(KernFormMixin, forms.Form):
    """Put the withdrawal of a request before the commission, with the facts (report, ch. 5)."""

    case = forms.ModelChoiceField(
        label="Ersuchen (Aktenzeichen)", queryset=Case.objects.none(), empty_label="Bitte wählen",
        error_messages={"required": "Bitte wählen Sie den Fall, dessen Ersuchen die Kommission beraten soll."},
        help_text="Fälle mit beschlossenem, versandtem oder befolgtem Ersuchen.")
    facts = forms.CharField(
        label="Sachverhalt", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Bitte halten Sie den Sachverhalt fest (z. B. falsche Personalien)."},
        help_text="Was die Geschäftsstelle festgestellt hat. Die Kommission entscheidet über die Rücknahme "
                  "(Tätigkeitsbericht Kap. 5); der Sachverhalt geht an keine Behörde.")

    def __init__(self, *args, meeting: Meeting, cases, **kwargs):
        super().__init__(*args, prefix="ruecknahme", **kwargs)
        revocable = (Q(state__in=[State.REQUEST_DECIDED, State.REQUEST_SENT, State.INTENDED_DECISION])
                     | Q(state=State.CLOSED, closure=Closure.FOLLOWED))
        self.fields["case"].queryset = (cases.filter(revocable).exclude(agenda_items__meeting=meeting)
                                        .select_related("country").order_by("received_on"))
        self.fields["case"].label_from_instance = lambda c: f"{c.file_number} ({c.country}) – {c.get_state_display()}"


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

    WEIGHING_CHOICES = (("no", "Schließt eine positive Entscheidung nicht aus (überwiegende Gründe im Einzelfall)"),
                        ("yes", "Schließt eine positive Entscheidung aus"))

    def __init__(self, *args, meeting: Meeting, item, present_slots, grounds=(), **kwargs):
        from .services.decisions import item_outcomes

        super().__init__(*args, **kwargs)
        outcomes = item_outcomes(meeting=meeting, item=item)
        if ItemDecision.Outcome.REQUEST not in outcomes:
            for name in ("expectations", "expectations_text", "recommendation", "recommendation_yes",
                         "recommendation_no", "recommendation_abstain"):
                del self.fields[name]
        if meeting.is_prescreen:
            self.fields["yes"].label = "Stimmen für die Befassung"
            self.fields["no"].label = "Stimmen gegen die Befassung"
            self.fields["outcome"].help_text = ("Abgelehnt ist die Befassung nur mit der Mehrheit dagegen; bei "
                                                "Stimmengleichheit oder ohne Mehrheit geht der Fall an die Kommission.")
        self.fields["outcome"].choices = [(o, ItemDecision.Outcome(o).label) for o in outcomes]
        self.fields["excluded"].choices = [(slot.key, slot.label) for slot in present_slots]
        if not present_slots:
            del self.fields["excluded"]
        # § 5 Abs. 2 HFKVO: the commission weighs every regular ground flagged at the check.
        self.grounds = list(grounds) if ItemDecision.Outcome.REQUEST in outcomes else []
        for ground in self.grounds:
            self.fields[f"ground_{ground.pk}"] = forms.ChoiceField(
                label=f"Soll-Ausschlussgrund: {ground.label} ({ground.paragraph})", required=False,
                choices=self.WEIGHING_CHOICES, widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
                help_text="Die Kommission wägt ab, ob der Grund eine positive Entscheidung ausschließt "
                          "(§ 5 Abs. 2 HFKVO, Tätigkeitsbericht Kap. 5). Nötig bei Ersuchen und kein Ersuchen.")
            self.fields[f"ground_{ground.pk}_reasons"] = forms.CharField(
                label=f"Abwägung zu „{ground.label}“ (für das Protokoll)", required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "kern-form-input__input"}))

    def weighings(self):
        from .services.decisions import Weighing

        answers = {"yes": True, "no": False}
        return [Weighing(ground_id=ground.pk, excludes=answers.get(self.cleaned_data.get(f"ground_{ground.pk}")),
                         reasons=self.cleaned_data.get(f"ground_{ground.pk}_reasons", ""))
                for ground in self.grounds]

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
    """The commission's decision naming member and deputy of each of the three places (§ 3 Abs. 3 HFKVO)."""

    PLACES = ((1, "Platz 1 (Vorsitz)"), (2, "Platz 2"), (3, "Platz 3"))

    decided_on = forms.DateField(
        label="Beschluss der Kommission vom", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Bitte geben Sie das Datum des Beschlusses der Kommission an."},
        help_text="Die Kommission benennt die Mitglieder und ihre Stellvertretungen (§ 3 Abs. 3 HFKVO).")
    meeting = forms.ModelChoiceField(
        label="In der Sitzung", queryset=Meeting.objects.none(), required=False, empty_label="nicht im System erfasst",
        help_text="Die Sitzung der Kommission, in der sie benannt hat (am Tag des Beschlusses).")

    def __init__(self, *args, commission, people, **kwargs):
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.COMMISSION, cancelled_at__isnull=True, date__lte=timezone.localdate()).order_by("-date")
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
                label=f"{label}: Stellvertretung", queryset=people, empty_label="Bitte wählen",
                initial=seat.deputy_id if seat else None,
                help_text="Aus der Kommission benannt (§ 3 Abs. 3 Satz 2 HFKVO).",
                error_messages={"required": f"{label}: Bitte wählen Sie die Stellvertretung (§ 3 Abs. 3 Satz 2 "
                                            "HFKVO)."})
        for name, field in self.fields.items():
            if name.startswith("place_"):
                field.label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def places(self) -> dict:
        return {number: (self.cleaned_data[f"place_{number}_member"], self.cleaned_data[f"place_{number}_deputy"])
                for number, _label in self.PLACES}
