"""``reverse`` for URLs whose arguments are ids, at the cost of a string join.

Django's ``reverse`` matches the view's patterns, converts and checks every argument and
quotes the result: ≈ 25 µs, and a case list writes twenty links, the case page thirty. For a
view name and a number of arguments, ``reverse_ids`` reverses once with marker ids, keeps the
text around them, and afterwards puts the ids in (``str(id)``, as the ``int`` converter's
``to_url`` does). Anything else — other argument types, negative numbers, names that do not
reverse — goes to ``reverse`` itself, which also raises its own errors. The template tag
``{% url %}`` uses it through ``core.templatetags.fast_url`` (a template builtin).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_MARKERS = (9_137_000_011, 9_137_000_023, 9_137_000_037, 9_137_000_041)
_MISSING = object()
_TEMPLATES: dict[tuple, tuple[str, ...] | None] = {}


def _build(view_name: str, count: int, current_app: str | None) -> tuple[str, ...] | None:
    markers = [str(m) for m in _MARKERS[:count]]
    try:
        url = reverse(view_name, args=_MARKERS[:count], current_app=current_app)
        check = reverse(view_name, args=[0] * count, current_app=current_app)
    except NoReverseMatch:
        return None
    parts, rest = [], url
    for marker in markers:
        if rest.count(marker) != 1:
            return None
        head, rest = rest.split(marker)
        parts.append(head)
    parts.append(rest)
    # The ids must go in as plain digits (the int converter), nothing else.
    if "0".join(parts) != check:
        return None
    return tuple(parts)


def reverse_ids(view_name: str, args: list | tuple = (), current_app: str | None = None) -> str:
    """``reverse(view_name, args=args)`` for non-negative integer ``args``."""
    if len(args) > len(_MARKERS) or not all(type(a) is int and a >= 0 for a in args):
        return reverse(view_name, args=args, current_app=current_app)
    key = (get_urlconf(), get_script_prefix(), view_name, len(args), current_app)
    parts = _TEMPLATES.get(key, _MISSING)
    if parts is _MISSING:
        parts = _TEMPLATES[key] = _build(view_name, len(args), current_app)
    if parts is None:
        return reverse(view_name, args=args, current_app=current_app)
    if not args:
        return parts[0]
    out = [parts[0]]
    for value, part in zip(args, parts[1:], strict=True):
        out.append(str(value))
        out.append(part)
    return "".join(out)
