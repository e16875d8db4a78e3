"""Per-request copies of form fields and filters that share what no request changes.

Django copies every field of a form class for each form (``copy.deepcopy(base_fields)``),
django-filter every filter of a filter set: a field's widget and attributes, and its choices,
down to each lazily translated label. For the case list that was a tenth of the request.
``LightCopies`` is a mapping whose deep copy makes each field (or filter) as Django's own
``__deepcopy__`` does — its own widget with its own attributes, its own error messages and
validators, a fresh queryset for model choices — but shares the choice list itself, which
the project never changes in place (a form that needs other choices assigns a new list).
"""

from __future__ import annotations

import copy

from django import forms


def light_field_copy(field: forms.Field) -> forms.Field:
    new = copy.copy(field)
    widget = copy.copy(field.widget)
    widget.attrs = field.widget.attrs.copy()
    if isinstance(widget, forms.widgets.ChoiceWidget):
        widget.choices = copy.copy(field.widget.choices)
    new.widget = widget
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        new.queryset = field.queryset.all()
    return new


def light_filter_copy(item):
    """A django-filter filter: a shallow copy, its ``method`` bound to the copy (the filter set
    sets ``parent`` and ``model`` on each copy)."""
    new = copy.copy(item)
    if getattr(item, "method", None) is not None:
        new.method = item.method
    return new


class LightCopies(dict):
    """``base_fields`` or ``base_filters`` whose deep copy is a light one per item."""

    def __deepcopy__(self, memo):
        return {name: light_field_copy(item) if isinstance(item, forms.Field) else light_filter_copy(item)
                for name, item in self.items()}
