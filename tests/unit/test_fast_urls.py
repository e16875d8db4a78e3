"""core.fast_urls / {% url %}: the same URLs as Django's reverse, for every named URL of the
project that takes ids, and Django's behaviour for everything else."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import URLPattern, URLResolver

from haertefall.core.fast_urls import reverse_ids


def _named_patterns(resolver=None, namespace="", converters=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        found = tuple(getattr(entry.pattern, "converters", {}).values())
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner, converters + found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", converters + found


def test_every_id_url_of_the_project_reverses_as_django_does():
    checked = 0
    for name, converters in _named_patterns():
        if not all(isinstance(c, IntConverter) for c in converters):
            continue
        for ids in ([0] * len(converters), list(range(7, 7 + len(converters))),
                    [123456789] * len(converters)):
            try:
                expected = reverse(name, args=ids)
            except NoReverseMatch:
                continue  # a name shared by patterns of other shapes
            assert reverse_ids(name, ids) == expected, name
            checked += 1
    assert checked > 100


def test_other_arguments_go_to_django():
    assert reverse_ids("cases:detail", ["12"]) == reverse("cases:detail", args=["12"])
    with pytest.raises(NoReverseMatch):
        reverse_ids("cases:detail", [-1])
    with pytest.raises(NoReverseMatch):
        reverse_ids("does-not-exist", [1])
    with pytest.raises(NoReverseMatch):
        reverse_ids("cases:detail", [1, 2])


def test_the_template_tag_writes_what_django_writes():
    template = Template("{% url 'cases:detail' pk %}|{% url 'cases:list' %}|{% url 'cases:detail' pk=pk %}"
                        "|{% url 'cases:detail' pk as link %}{{ link }}|{% url 'cases:detail' text %}")
    out = template.render(Context({"pk": 42, "text": "42"}))
    detail = reverse("cases:detail", args=[42])
    assert out == f"{detail}|{reverse('cases:list')}|{detail}|{detail}|{detail}"
    with pytest.raises(NoReverseMatch):
        Template("{% url 'cases:detail' pk %}").render(Context({"pk": -3}))
