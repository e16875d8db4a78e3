"""German alphabetical order of the registers, in one place (decision 0116).

Countries and authorities are listed as the activity report lists them: umlauts with their
base letter (Ägypten under A, Österreich under O, DIN 5007 variant 1) and each country by its
list form, ``sort_name``, so "DR Kongo" stands under K ("Kongo, Demokratische Republik").
The database cannot do this alike on SQLite and PostgreSQL (binary order puts Ä after Z), and
the registers are short, so lists are sorted here in Python with ``german_sort_key``; where
the database must sort (the case list by country or authority), it sorts by the position this
order gives, stored with each row (``list_position``).
"""

from collections.abc import Iterable

from django import forms
from django_filters import ModelChoiceFilter
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from django_filters.fields import ModelChoiceIterator as FilterModelChoiceIterator

from .country_lookup import german_sort_key


def register_sort_key(entry) -> tuple[str, str]:
    """The sort key of a country (its list form), an authority or any other named entry."""
    return german_sort_key(getattr(entry, "sort_name", "") or str(entry))


def in_german_order(entries: Iterable) -> list:
    return sorted(entries, key=register_sort_key)


def list_positions_renumber(model, *, name_field: str) -> int:
    """Number a register's rows in German order (``list_position``) so that the database sorts
    by that number alike on SQLite and PostgreSQL (the case list's columns). Called by the
    loader of the shipped registers, which is their only writer; works on migration models.
    Returns the number of rows whose position changed."""
    rows = sorted(model.objects.only("pk", name_field, "list_position"),
                  key=lambda row: german_sort_key(getattr(row, name_field)))
    changed = []
    for position, row in enumerate(rows, start=1):
        if row.list_position != position:
            row.list_position = position
            changed.append(row)
    model.objects.bulk_update(changed, ["list_position"])
    return len(changed)


class _GermanOrder:
    """Choices of a model field in German order; the empty and the "none" choice stay first."""

    def __iter__(self):
        fixed, entries = [], []
        for value, label in super().__iter__():
            (entries if hasattr(value, "instance") else fixed).append((value, label))
        yield from fixed
        yield from sorted(entries, key=lambda choice: register_sort_key(choice[0].instance))


class GermanOrderChoiceIterator(_GermanOrder, forms.models.ModelChoiceIterator):
    pass


class RegisterChoiceField(forms.ModelChoiceField):
    """A choice of countries or authorities, in German alphabetical order."""

    iterator = GermanOrderChoiceIterator


class _FilterIterator(_GermanOrder, FilterModelChoiceIterator):
    pass


class _FilterField(FilterModelChoiceField):
    iterator = _FilterIterator


class RegisterChoiceFilter(ModelChoiceFilter):
    """django-filter's model choice, in German alphabetical order."""

    field_class = _FilterField
