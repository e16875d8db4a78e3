"""The fast form renderer writes exactly the HTML of Django's template renderer."""

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from haertefall.cases.forms import step_form_class
from haertefall.cases.steps import ACTIONS
from haertefall.core.form_renderer import FastFormRenderer

FORM_MODULES = [
    "haertefall.accounts.forms", "haertefall.audit.forms", "haertefall.authorities.forms",
    "haertefall.cases.forms", "haertefall.correspondence.forms", "haertefall.imports.forms",
    "haertefall.meetings.forms", "haertefall.statistics.forms",
]


class EveryWidget(forms.Form):
    text = forms.CharField(label="Name <b>", initial='O\'Brien & "Söhne" <x>', help_text="Hilfe")
    safe = forms.CharField(initial=mark_safe("<i>schon sicher</i>"), required=False)
    number = forms.IntegerField(initial=1234567)
    decimal = forms.DecimalField(initial="12.50", localize=True)
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="geheim")
    hidden = forms.IntegerField(widget=forms.HiddenInput, initial=7)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), initial=datetime.date(2024, 2, 29))
    when = forms.DateTimeField(initial=datetime.datetime(2024, 5, 1, 13, 5))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "data-x": "a\"b"}), initial="Zeile 1\n<Zeile 2>")
    empty_note = forms.CharField(widget=forms.Textarea, required=False)
    agree = forms.BooleanField(initial=True, required=False)
    disagree = forms.BooleanField(initial=False, required=False)
    pick = forms.ChoiceField(choices=[("", "Bitte wählen"), ("a&b", "A & B"), (3, 3), ("x", mark_safe("<em>x</em>"))],
                             initial="a&b")
    grouped = forms.ChoiceField(choices=[("Gruppe <1>", [("1", "eins"), ("2", "zwei")]), ("3", "drei")],
                                initial="2")
    many = forms.MultipleChoiceField(choices=[("1", "eins"), ("2", "zwei"), ("3", "drei")], initial=["1", "3"])
    radio = forms.ChoiceField(choices=[("j", "Ja"), ("n", "Nein <!>")], widget=forms.RadioSelect, initial="n")
    radio_grouped = forms.ChoiceField(choices=[("G", [("1", "eins")]), ("2", "zwei")], widget=forms.RadioSelect)
    checks = forms.MultipleChoiceField(choices=[(1, "eins"), (2, "zwei")], widget=forms.CheckboxSelectMultiple,
                                       initial=[2], required=False)
    disabled = forms.CharField(disabled=True, initial="fest", widget=forms.TextInput(attrs={"autofocus": True,
                                                                                          "spellcheck": False}))
    upload = forms.FileField(required=False)


def _instances():
    """Every project form that can be built without arguments, plus the step forms."""
    for path in FORM_MODULES:
        module = importlib.import_module(path)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != path or cls.__name__.endswith("Base"):
                continue
            for data in (None, {}):
                try:
                    yield cls(data) if data is not None else cls()
                except TypeError:
                    break
    for action in ACTIONS:
        cls = step_form_class(action)
        yield cls()
        yield cls({})
    yield EveryWidget()
    yield EveryWidget({"text": "<neu>", "pick": "nope", "many": ["2"], "radio": "j", "checks": ["1", "2"]})


def _html(form, renderer) -> list[str]:
    form.renderer = renderer
    out = [str(form)]
    for bound in form:
        out.append(str(bound))
        for option in bound.subwidgets:
            out.append(str(option.tag()))
    return out


@pytest.mark.django_db
def test_fast_renderer_writes_the_same_html_as_django_for_every_form():
    forms_checked = 0
    for form in _instances():
        expected = _html(form, DjangoTemplates())
        got = _html(form, FastFormRenderer())
        assert got == expected, f"{type(form).__name__}: fast renderer differs"
        forms_checked += 1
    assert forms_checked > 40


def test_fast_renderer_is_the_projects_form_renderer(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        assert isinstance(get_default_renderer(), FastFormRenderer)
    finally:
        get_default_renderer.cache_clear()
