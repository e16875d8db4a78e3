"""What the case page shows of the other parts of the procedure.

The case file owns only some steps (``states.STEP_OWNER``). For the others the case page links
to the owning part's page, and it lists what those parts hold for the case (statements,
requests, letters, sessions). Each part offers a module ``haertefall.<part>.casefile`` with

- ``step_links(*, case, user, keys) -> list[entry]`` for the foreign step keys allowed now,
  entry = {"keys": [...], "title", "hint", "links": [{"label", "url"}],
           "posts": [{"label", "url", "fields": {name: value}}]};
- ``sections(*, case, user, contents=None) -> list[section]``, section = {"id", "title",
  "rows": [{"label", "url", "text"}], "links": [{"label", "url"}], "empty_text"}, only with
  what the user may see (each part uses its own access functions);
- ``EVENT_LABELS`` (optional): German names of the events it records in the case history;
- ``document_removal_refusal(*, document, replacing) -> str`` and
  ``document_replaced(*, old, new, actor)`` (optional): why a document it holds may not be
  removed or replaced (""), and what it changes, inside the transaction, when ``old`` is
  removed (``new`` None) or replaced (``cases.services.documents``, decision 0112);
- ``CASE_LINKED``: its models with a ``case`` foreign key. ``case_contents`` asks in one query
  which of them have rows for the case at all; ``sections`` skips reading the others
  (``contents.has(Model)``; ``contents=None`` means unknown: read everything).
"""

from django.db.models import Exists, OuterRef

from haertefall.authorities import casefile as authorities_casefile
from haertefall.correspondence import casefile as correspondence_casefile
from haertefall.meetings import casefile as meetings_casefile

from .models import Case, Document, FollowUp, Note, PersonName, PersonRepeat
from .steps import foreign_steps_for

CASE_FILE_PROVIDERS = {
    "authorities": authorities_casefile,
    "meetings": meetings_casefile,
    "correspondence": correspondence_casefile,
}


def _providers():
    return CASE_FILE_PROVIDERS.items()


def foreign_step_links(*, case, user) -> list[dict]:
    """One entry per foreign step (or group of steps on the same page) allowed now."""
    foreign = foreign_steps_for(case)
    entries, covered = [], set()
    for part, module in _providers():
        keys = [f.key for f in foreign if f.owner == part]
        if keys:
            for entry in module.step_links(case=case, user=user, keys=keys):
                entries.append(entry)
                covered.update(entry["keys"])
    for f in foreign:
        if f.key not in covered:
            entries.append({"keys": [f.key], "title": f.label, "hint": f"Wird {f.where} erfasst.",
                            "links": [], "posts": []})
    order = {f.key: i for i, f in enumerate(foreign)}
    return sorted(entries, key=lambda e: min(order.get(k, 99) for k in e["keys"]))


def part_event_labels() -> dict[str, str]:
    """German names of the events other parts record in the case history (``EVENT_LABELS``)."""
    labels: dict[str, str] = {}
    for _part, module in _providers():
        labels.update(getattr(module, "EVENT_LABELS", {}))
    return labels


def case_file_links(*, case, user, contents=None) -> list[dict]:
    sections = []
    for _part, module in _providers():
        sections.extend(module.sections(case=case, user=user, contents=contents))
    return sections


CASE_LINKED = (Note, Document, FollowUp, PersonName, PersonRepeat)


class CaseContents:
    """Which kinds of records (models linked to a case) a case has any rows of."""

    def __init__(self, present: set[str]):
        self.present = frozenset(present)

    def has(self, model) -> bool:
        return model._meta.label_lower in self.present


def _linked_models() -> list:
    models = list(CASE_LINKED)
    for _part, module in _providers():
        models.extend(getattr(module, "CASE_LINKED", ()))
    return models


def _rows_of(model):
    """Rows of ``model`` belonging to the case of the outer query: through its ``case``
    foreign key, or its ``person``'s."""
    if any(f.name == "case" for f in model._meta.fields):
        return model.objects.filter(case_id=OuterRef("pk"))
    return model.objects.filter(person__case_id=OuterRef("pk"))


def case_contents(case) -> CaseContents:
    """One query instead of one per table: ``EXISTS`` for every model linked to the case. A
    case of twenty years' history mostly has no notes, letters or statements; the case page
    then reads none of those tables."""
    models = _linked_models()
    row = (Case.objects.filter(pk=case.pk)
           .values_list(*(Exists(_rows_of(model)) for model in models)).get())
    return CaseContents({m._meta.label_lower for m, exists in zip(models, row, strict=True) if exists})
