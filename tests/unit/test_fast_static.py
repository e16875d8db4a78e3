"""{% static %} as a template builtin: the URL Django's tag writes, asked once per path."""

import pytest
from django.template import engines
from django.templatetags.static import static as django_static
from django.test import override_settings
from django.urls import reverse

from haertefall.core.templatetags import fast_static


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_url_is_djangos_and_the_storage_is_asked_once(monkeypatch):
    fast_static._urls.clear()
    asked = []
    original = fast_static.StaticNode.handle_simple.__func__

    def counting(cls, path):
        asked.append(path)
        return original(cls, path)

    monkeypatch.setattr(fast_static.MemoStaticNode, "handle_simple", classmethod(counting))
    for _ in range(3):
        assert render("{% static 'core/app.css' %}") == django_static("core/app.css")
    assert asked == ["core/app.css"]
    # Special characters are quoted by the storage and escaped for HTML, as by Django's tag.
    assert render("{% static 'a b&c.css' %}") == render("{% load static %}{% static 'a b&c.css' %}")
    assert render("{% static 'x.css' as url %}[{{ url }}]") == f"[{django_static('x.css')}]"


def test_a_changed_static_url_is_followed():
    first = render("{% static 'core/app.css' %}")
    with override_settings(STATIC_URL="/anders/"):
        assert render("{% static 'core/app.css' %}") == "/anders/core/app.css"
    assert render("{% static 'core/app.css' %}") == first


@pytest.mark.django_db
def test_the_layout_links_its_files(client):
    body = client.get(reverse("accounts:login")).content.decode()
    for path in ("kern/kern.min.css", "core/app.css"):
        assert f'<link rel="stylesheet" href="{django_static(path)}">' in body
    assert f'<script src="{django_static("js/htmx.min.js")}" defer></script>' in body
