"""Filters of the case list (pages and API share them)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from haertefall.registers.access import authorities_offered_to, offers_only_own_authority
from haertefall.registers.models import Authority, Country
from haertefall.registers.ordering import RegisterChoiceFilter

from .kern import KernFormMixin
from .models import Case
from .queues import QUEUES, QUEUES_BY_KEY, mine_q
from .selectors import case_search, case_years, statements_overdue
from .states import State

# Filters whose rendered field is kept between requests (see the template).
CACHED_FILTER_FIELD = "cases/forms/cached_filter_field.html"


ASSIGNED_CHOICES = [("me", "Meine Fälle (mit Vertretungen)"), ("none", "Ohne Zuständigkeit")]


class CaseFilterForm(KernFormMixin, forms.Form):
    """The filter form, its widgets in KERN style."""


def _years(_request=None):
    return [(y, str(y)) for y in case_years()]


class StableOrderingFilter(django_filters.OrderingFilter):
    """The chosen order (a whitelist: only the declared fields), then the case id in the same
    direction: cases with the same date or state keep their place from page to page."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, "-pk" if ordering[0].startswith("-") else "pk")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Suche (Aktenzeichen oder Name)", method="filter_q",
                                  help_text="Auch andere Schreibweisen, Aliasnamen und Tippfehler werden gefunden.")
    state = django_filters.ChoiceFilter(label="Stand", choices=State.choices, empty_label="Alle",
                                        template_name=CACHED_FILTER_FIELD)
    year = django_filters.ChoiceFilter(label="Eingangsjahr", choices=_years, empty_label="Alle")
    authority = RegisterChoiceFilter(label="Ausländerbehörde", queryset=Authority.objects.all(),
                                     empty_label="Alle", template_name=CACHED_FILTER_FIELD)
    country = RegisterChoiceFilter(label="Herkunftsland", queryset=Country.objects.all(),
                                   empty_label="Alle", template_name=CACHED_FILTER_FIELD)
    overdue = django_filters.BooleanFilter(
        label="Nur überfällige Stellungnahmen", method="filter_overdue", widget=forms.CheckboxInput)
    # --- work queues of "Meine Fälle" (cases.queues, decisions 0117/0118) ---
    assigned = django_filters.ChoiceFilter(label="Zuständigkeit", choices=ASSIGNED_CHOICES, empty_label="Alle",
                                           method="filter_assigned")
    queue = django_filters.ChoiceFilter(label="Arbeitsliste", choices=[(q.key, q.title) for q in QUEUES],
                                        empty_label="Alle", method="filter_queue")
    # ---
    ordering = StableOrderingFilter(
        label="Sortierung",
        fields=(("received_on", "received_on"), ("file_number", "file_number"), ("state", "state"),
                # German alphabetical order on every engine (decision 0116).
                ("country__list_position", "country"), ("authority__list_position", "authority")),
        field_labels={"received_on": "Eingangsdatum", "file_number": "Aktenzeichen", "state": "Stand",
                      "country__list_position": "Herkunftsland", "authority__list_position": "Ausländerbehörde"},
        empty_label="Neueste zuerst",
        template_name=CACHED_FILTER_FIELD,
    )

    class Meta:
        model = Case
        fields = ["q", "state", "year", "authority", "country"]
        form = CaseFilterForm

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return statements_overdue(queryset, on=timezone.localdate())

    def filter_q(self, queryset, name, value):
        return case_search(queryset, value)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and offers_only_own_authority(user):
            # Its own one-line list: not the rendering kept for everybody else (the template).
            self.filters["authority"].queryset = authorities_offered_to(user)
            self.filters["authority"].extra["template_name"] = "core/forms/field.html"

    def filter_assigned(self, queryset, name, value):
        if value == "me" and self.user is not None:
            return queryset.filter(mine_q(self.user, on=timezone.localdate()))
        if value == "none":
            return queryset.filter(Q(assigned_to__isnull=True) | Q(assigned_to__is_active=False))
        return queryset

    def filter_queue(self, queryset, name, value):
        queue = QUEUES_BY_KEY.get(value)
        return queryset.filter(queue.condition(timezone.localdate())) if queue else queryset
