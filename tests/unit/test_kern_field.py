"""{% kern_field %} writes what the former field template wrote, for every field of every form."""

import re
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.template.loader import render_to_string

from haertefall.core.templatetags.kern import kern_field

from .test_form_renderer import _instances

REFERENCE = Engine(libraries={}).from_string((Path(__file__).parent / "field_reference.html").read_text())


def _normal(html: str) -> str:
    html = re.sub(r"\{#.*?#\}", "", str(html))
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.django_db
def test_the_tag_writes_the_former_template_for_every_field():
    fields = 0
    for form in _instances():
        form.is_valid() if form.is_bound else None
        for field in form:
            if field.is_hidden:
                continue
            expected = _normal(REFERENCE.render(Context({"field": field})))
            assert _normal(kern_field(field)) == expected, f"{type(form).__name__}.{field.name}"
            fields += 1
    assert fields > 150


@pytest.mark.django_db
def test_the_include_uses_the_tag_and_escapes_what_the_user_typed():
    from django import forms

    class F(forms.Form):
        name = forms.CharField(label="Name <i>", help_text="Hinweis & mehr", max_length=3)

    form = F({"name": '<script>"x"</script>'})
    assert not form.is_valid()
    html = render_to_string("core/includes/field.html", {"field": form["name"]})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Name &lt;i&gt;" in html and "Hinweis &amp; mehr" in html
    assert 'class="kern-form-input kern-form-input--error"' in html and 'class="kern-error"' in html


@pytest.mark.django_db
def test_kern_fields_writes_what_the_include_loop_wrote_for_every_form():
    from haertefall.core.templatetags.kern import kern_fields

    loop = Engine.get_default().from_string(
        '{% for field in form %}{% if field.is_hidden %}{{ field }}{% else %}'
        '{% include "core/includes/field.html" with field=field %}{% endif %}{% endfor %}')
    forms_checked = 0
    for form in _instances():
        form.is_valid() if form.is_bound else None
        assert str(kern_fields(form)) == loop.render(Context({"form": form})), type(form).__name__
        forms_checked += 1
    assert forms_checked > 50
