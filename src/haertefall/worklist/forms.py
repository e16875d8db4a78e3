"""Forms of the list tools: a filter's name, and the bulk action bar."""

from django import forms
from django.utils import timezone

from haertefall.accounts.access import assignable_users, can_assign_cases
from haertefall.cases.kern import KernFormMixin
from haertefall.correspondence.models import WITHDRAWAL_KINDS, LetterKind
from haertefall.meetings.models import Meeting

from .bulk import BulkAction
from .models import NAME_MAX_LENGTH


class SavedFilterForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Name des Filters", max_length=NAME_MAX_LENGTH,
                           help_text="Zum Beispiel „Überfällige Stellungnahmen Köln“.")


def letter_kind_choices():
    """Letters the office writes itself; a withdrawal's letters come from the commission's
    decision (decision 0102)."""
    return [("", "Bitte wählen")] + [(k, label) for k, label in LetterKind.choices if k not in WITHDRAWAL_KINDS]


def agenda_meetings():
    """Sessions whose agenda can still take cases: not cancelled, today or later."""
    return Meeting.objects.filter(cancelled_at__isnull=True, date__gte=timezone.localdate()).order_by("date", "pk")


class BulkForm(KernFormMixin, forms.Form):
    """What to do with the chosen cases (the cases themselves are the list's checkboxes)."""

    action = forms.ChoiceField(label="Aktion für die ausgewählten Fälle", choices=BulkAction.choices)
    meeting = forms.ModelChoiceField(label="Sitzung (für die Tagesordnung)", queryset=Meeting.objects.none(),
                                     required=False, empty_label="Bitte wählen")
    letter_kind = forms.ChoiceField(label="Art des Schreibens", choices=letter_kind_choices, required=False)
    assignee = forms.ModelChoiceField(label="Zuständig künftig", queryset=Meeting.objects.none(), required=False,
                                      empty_label="Bitte wählen")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = agenda_meetings()
        if can_assign_cases(user):
            self.fields["assignee"].queryset = assignable_users()
        else:
            self.fields["action"].choices = [c for c in BulkAction.choices if c[0] != BulkAction.ASSIGN]
            del self.fields["assignee"]
