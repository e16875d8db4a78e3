"""Filters of the case list (pages and API share them)."""

import time

import django_filters
from django import forms
from django.utils import timezone

from haertefall.core.light_copy import LightCopies
from haertefall.registers.models import Authority, Country

from .kern import FastSelect, kern_widgets
from .models import Case
from .selectors import case_search, case_years, statements_overdue
from .states import State


def _years(_request=None):
    return [(y, str(y)) for y in case_years()]


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Suche (Aktenzeichen oder Name)", method="filter_q",
                                  help_text="Auch andere Schreibweisen, Aliasnamen und Tippfehler werden gefunden.")
    state = django_filters.ChoiceFilter(label="Stand", choices=State.choices, empty_label="Alle",
                                        widget=FastSelect)
    year = django_filters.ChoiceFilter(label="Eingangsjahr", choices=_years, empty_label="Alle",
                                       widget=FastSelect)
    authority = django_filters.ModelChoiceFilter(label="Ausländerbehörde",
                                                 queryset=Authority.objects.order_by("name"),
                                                 empty_label="Alle", widget=FastSelect)
    country = django_filters.ModelChoiceFilter(label="Herkunftsland",
                                               queryset=Country.objects.order_by("sort_name"),
                                               empty_label="Alle", widget=FastSelect)
    overdue = django_filters.BooleanFilter(
        label="Nur überfällige Stellungnahmen", method="filter_overdue", widget=forms.CheckboxInput)
    ordering = django_filters.OrderingFilter(
        label="Sortierung",
        fields=(("received_on", "received_on"), ("file_number", "file_number"), ("state", "state")),
        field_labels={"received_on": "Eingangsdatum", "file_number": "Aktenzeichen", "state": "Stand"},
        empty_label="Neueste zuerst",
        widget=FastSelect,
    )

    class Meta:
        model = Case
        fields = ["q", "state", "year", "authority", "country"]

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return statements_overdue(queryset, on=timezone.localdate())

    def filter_q(self, queryset, name, value):
        return case_search(queryset, value)

    def get_form_class(self):
        """django-filter builds a new form class for every request; the fields do not depend on
        the request (choices are callables or read per form), so build it once."""
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = LightCopies(form_class.base_fields)
            cls._form_class = form_class
        return form_class

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_kern", False):
            kern_widgets(form)
            for name in ("country", "authority"):
                form.fields[name].widget.option_list = _cached_choices(name, form.fields[name])
            form._kern = True
        return form


# Each request's filters are light copies (core.light_copy): they share the choice lists.
CaseFilter.base_filters = LightCopies(CaseFilter.base_filters)

_CHOICES_TTL = 300
_choices_memo: dict[str, tuple[float, tuple]] = {}


def _cached_choices(name: str, field) -> tuple:
    """The options of a register select (hundreds of rows, changed only by a register reload),
    kept for five minutes in the process (as the default local-memory cache would, without
    unpickling them per request); the field still validates against the table."""
    now = time.monotonic()
    memo = _choices_memo.get(name)
    if memo is None or now - memo[0] > _CHOICES_TTL:
        memo = (now, tuple((str(value), label) for value, label in field.choices))
        _choices_memo[name] = memo
    return memo[1]
