"""The form to correct a recorded vote or the reasons of a decision (decision 0121)."""

from django import forms

from .forms import KernFormMixin, _count
from .models import ItemVote


class ItemCorrectForm(KernFormMixin, forms.Form):
    yes = _count("Ja-Stimmen")
    no = _count("Nein-Stimmen")
    abstain = _count("Enthaltungen")
    recommendation_yes = _count("Empfehlung: Ja-Stimmen")
    recommendation_no = _count("Empfehlung: Nein-Stimmen")
    recommendation_abstain = _count("Empfehlung: Enthaltungen")
    reasons = forms.CharField(label="Gründe (für das Protokoll)", widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label="Grund der Korrektur", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Pflichtangabe; steht mit den alten und den neuen Werten im Verlauf und im Protokollentwurf.")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        motions = {vote.motion for vote in item.votes.all()}
        if ItemVote.Motion.RECOMMENDATION not in motions:
            for name in ("recommendation_yes", "recommendation_no", "recommendation_abstain"):
                del self.fields[name]
        if not motions - {ItemVote.Motion.RECOMMENDATION} and item.decision.outcome == "deferred":
            for name in ("yes", "no", "abstain"):
                del self.fields[name]

    @staticmethod
    def initial_for(item) -> dict:
        initial = {"reasons": item.decision.reasons}
        for vote in item.votes.all():
            prefix = "recommendation_" if vote.motion == ItemVote.Motion.RECOMMENDATION else ""
            initial.update({f"{prefix}yes": vote.yes, f"{prefix}no": vote.no, f"{prefix}abstain": vote.abstain})
        return initial

    def clean(self):
        data = super().clean()
        for prefix in ("", "recommendation_"):
            if f"{prefix}yes" not in self.fields:
                continue
            given = [data.get(f"{prefix}{n}") for n in ("yes", "no", "abstain")]
            if any(c is not None for c in given) and any(c is None for c in given):
                self.add_error(f"{prefix}yes", "Bitte geben Sie Ja-, Nein-Stimmen und Enthaltungen an "
                                               "(0, wenn es keine gab).")
        return data

    def votes(self, prefix=""):
        from .services.decisions import Votes

        counts = [self.cleaned_data.get(f"{prefix}{n}") for n in ("yes", "no", "abstain")]
        return None if any(c is None for c in counts) else Votes(*counts)
