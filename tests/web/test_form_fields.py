"""Form fields as users meet them: KERN markup, German errors tied to the input, escaped values."""

import re

import pytest
from django import forms
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _group(html: str, field_id: str) -> str:
    """The KERN field group (div or fieldset) that holds the element with ``field_id``."""
    for match in re.finditer(r'<(div|fieldset) class="kern-(form-input|form-check|fieldset)\b.*?</\1>\s*(?=<|$)',
                             html, re.S):
        if f'id="{field_id}"' in match.group(0) or f'id="{field_id}_0"' in match.group(0):
            return match.group(0)
    raise AssertionError(f"no field group for {field_id}")


def test_a_missing_entry_shows_the_german_error_next_to_the_input_and_linked_to_it(office_client):
    body = office_client.post(reverse("cases:intake"), {"received_on": "gestern"}).content.decode()
    group = _group(body, "id_family_name")
    assert 'class="kern-form-input kern-form-input--error"' in group
    assert re.search(r'<p class="kern-error" id="id_family_name_error">.*Geben Sie „Familienname der Hauptperson“ ein\.',
                     group)
    field = re.search(r'<input [^>]*id="id_family_name"[^>]*>', group).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_family_name_error"' in field
    # a hint and an error are both read out with the input
    date = re.search(r'<input [^>]*id="id_received_on"[^>]*>', body).group(0)
    assert 'aria-describedby="id_received_on_helptext id_received_on_error"' in date
    assert '<div class="kern-hint" id="id_received_on_helptext">' in body
    # the error summary at the top links to the input
    assert '<a class="kern-link" href="#id_family_name">Geben Sie „Familienname der Hauptperson“ ein.</a>' in body


def test_a_name_with_markup_comes_back_escaped_in_the_field(office_client):
    body = office_client.post(reverse("cases:intake"), {
        "family_name": '<script>alert("x")</script>', "reasons_text": "</textarea><b>fett</b>"}).content.decode()
    assert "<script>alert" not in body and "<b>fett</b>" not in body
    field = re.search(r'<input [^>]*id="id_family_name"[^>]*>', body).group(0)
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in field
    assert "&lt;/textarea&gt;&lt;b&gt;fett&lt;/b&gt;</textarea>" in body


def test_labels_hints_and_choices_are_escaped_and_groups_are_fieldsets():
    class Form(forms.Form):
        name = forms.CharField(label="Name <i>", help_text="Hinweis & mehr", max_length=3)
        kind = forms.ChoiceField(label="Art", choices=[("a", "A <b>"), ("b", "B")], widget=forms.RadioSelect,
                                 help_text="Eine wählen")
        agree = forms.BooleanField(label="Einverstanden", required=False)
        pick = forms.ChoiceField(label="Auswahl", choices=[("1", "eins")], required=False)
        hidden = forms.CharField(widget=forms.HiddenInput, initial="<x>")

    form = Form({"name": "<script>", "hidden": "<x>"})
    assert not form.is_valid()
    html = str(form)
    assert "<script>" not in html and "Name &lt;i&gt;" in html and "Hinweis &amp; mehr" in html
    assert "Geben Sie bei „Name &lt;i&gt;“ höchstens 3 Zeichen ein (jetzt 8)." in html
    assert 'for="id_name">Name &lt;i&gt;</label>' in html
    kind = _group(html, "id_kind")
    assert kind.startswith('<fieldset class="kern-fieldset kern-fieldset--error" aria-describedby="id_kind_helptext'
                           ' id_kind_error">')
    assert '<legend class="kern-label">Art</legend>' in kind and "A &lt;b&gt;" in kind
    assert '<div class="kern-form-check"><input type="checkbox" name="agree"' in re.sub(r">\s+<", "><", html)
    assert '<span class="kern-label__optional">– optional</span>' in _group(html, "id_pick")
    assert '<div class="kern-form-input__select-wrapper"><select name="pick"' in re.sub(r">\s+<", "><", html)
    # a hidden field is its input only, no label
    assert '<input type="hidden" name="hidden" value="&lt;x&gt;" id="id_hidden">' in html
    assert 'for="id_hidden"' not in html
