"""Form errors in the formal address naming the field, and KERN's checkbox for every checkbox,
set once for all forms by the form renderer (issue 16, decision 0115)."""

import re

import pytest
from django import forms
from django.urls import reverse


class Example(forms.Form):
    received_on = forms.DateField(label="Eingangsdatum")
    name = forms.CharField(label="Name", max_length=3)
    count = forms.IntegerField(label="Anzahl", min_value=1)
    share = forms.IntegerField(label="Anteil in %", max_value=100)
    land = forms.ChoiceField(label="Staat", choices=[("", "Bitte wählen"), ("a", "A")])
    agree = forms.BooleanField(label="Angaben geprüft")
    grounds = forms.MultipleChoiceField(label="Gründe", choices=[("a", "A"), ("b", "B")],
                                        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__radio"}))
    kind = forms.ChoiceField(label="Art", choices=[("a", "A")], widget=forms.RadioSelect)
    own = forms.CharField(label="Eigenes", error_messages={"required": "Bitte begründen Sie."})
    upload = forms.FileField(label="Datei")


def test_each_message_names_its_field_in_the_formal_address():
    form = Example({"received_on": "31.02.2020", "name": "abcdef", "count": "0", "share": "300", "land": "x"})
    assert not form.is_valid()
    assert form.errors == {
        "received_on": ["Geben Sie bei „Eingangsdatum“ ein gültiges Datum (TT.MM.JJJJ) ein."],
        "name": ["Geben Sie bei „Name“ höchstens 3 Zeichen ein (jetzt 6)."],
        "count": ["Geben Sie bei „Anzahl“ eine Zahl ab 1 ein."],
        "share": ["Geben Sie bei „Anteil in %“ eine Zahl bis 100 ein."],
        "land": ["Wählen Sie bei „Staat“ einen der angebotenen Einträge aus."],
        "agree": ["Bestätigen Sie „Angaben geprüft“."],
        "grounds": ["Wählen Sie bei „Gründe“ mindestens einen Eintrag aus."],
        "kind": ["Wählen Sie „Art“ aus."],
        "own": ["Bitte begründen Sie."],  # the form's own message stays
        "upload": ["Wählen Sie eine Datei für „Datei“ aus."],
    }
    empty = Example({})
    assert not empty.is_valid()
    assert empty.errors["received_on"] == ["Geben Sie „Eingangsdatum“ ein."]
    assert empty.errors["land"] == ["Wählen Sie „Staat“ aus."]
    # the summary names the field once, and puts the label before a message that does not
    assert empty["received_on"].summary_errors == ["Geben Sie „Eingangsdatum“ ein."]
    assert empty["own"].summary_errors == ["Eigenes: Bitte begründen Sie."]


def test_checkboxes_carry_kerns_checkbox_class_and_radios_the_radio_class():
    html = str(Example())
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) == 3
    assert all('class="kern-form-check__checkbox"' in box for box in boxes), boxes
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert radios and all('class="kern-form-check__radio"' in radio for radio in radios)
    assert re.search(r'<select name="land"[^>]*class="kern-form-input__select"', html)


@pytest.mark.django_db
def test_the_import_pages_dry_run_box_is_a_kern_checkbox(office_client):
    body = office_client.get(reverse("imports:upload")).content.decode()
    box = re.search(r'<input type="checkbox" name="dry_run"[^>]*>', body).group(0)
    assert 'class="kern-form-check__checkbox"' in box and "kern-form-check__input" not in box
