"""The one-pass <select> of the case list renders the same options as Django's Select."""

import re

import pytest
from django import forms

from haertefall.cases.kern import FastSelect

CHOICES = [("", "Alle"), ("1", "Côte d'Ivoire"), ("2", "Bosnien & Herzegowina"), ("3", "<Kosovo>")]


def _normal(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("value", [None, "", "2", "3", "9"])
def test_same_html_as_django_select(value):
    attrs = {"id": "id_country", "class": "kern-form-input__select", "aria-describedby": "x_helptext"}
    ours = FastSelect(choices=CHOICES).render("country", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("country", value, attrs=attrs)
    assert _normal(ours) == _normal(django)


def test_labels_are_escaped_and_one_option_selected():
    html = FastSelect(choices=CHOICES).render("country", "3", attrs={"id": "id_country"})
    assert "&lt;Kosovo&gt;" in html and "<Kosovo>" not in html
    assert html.count(" selected") == 1
