"""Give Django form widgets the KERN UX classes the shared field template expects."""

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


def kern_widgets(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxSelectMultiple):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "kern-form-check__radio"
        elif isinstance(widget, forms.CheckboxInput):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class KernFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kern_widgets(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


_OPTIONS_MEMO: dict[tuple, tuple[str, list[tuple[str, int]]] | None] = {}
_OPTIONS_MEMO_MAX = 32


def _options(choices: tuple) -> tuple[str, list[tuple[str, int]]] | None:
    """The escaped ``<option>`` list of ``choices`` and, per option, its value and the offset
    where `` selected`` goes: built once per distinct choice list in a process. None for
    grouped choices (Django's own Select renders those)."""
    memo = _OPTIONS_MEMO.get(choices, False)
    if memo is False:
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            _OPTIONS_MEMO[choices] = None
            return None
        parts, marks, length = [], [], 0
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            head = f'<option value="{escape(text)}"'
            marks.append((text, length + len(head)))
            part = f"{head}>{escape(label)}</option>"
            parts.append(part)
            length += len(part)
        memo = ("".join(parts), marks)
        if len(_OPTIONS_MEMO) >= _OPTIONS_MEMO_MAX:
            _OPTIONS_MEMO.clear()
        _OPTIONS_MEMO[choices] = memo
    return memo


class FastSelect(forms.Select):
    """A single ``<select>`` rendered in one pass instead of one widget template per option:
    the case list's country and authority filters have hundreds of options on every request.
    Same HTML as Django's Select (label, ids, aria attributes come from the bound field); the
    escaped options are kept per choice list, only the selected mark is set per request."""

    # Options given ready-made (value text, label), e.g. a register's cached list: assigning
    # ``choices`` would normalise hundreds of entries per request.
    option_list: tuple | None = None

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.option_list if self.option_list is not None else tuple(self.choices)
        memo = None if self.allow_multiple_selected else _options(choices)
        if memo is None:
            return super().render(name, value, attrs, renderer)
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        attr_html = "".join(f" {key}" if val is True else f' {key}="{escape(val)}"'
                            for key, val in final.items() if val is not False and val is not None)
        selected = {str(v) for v in self.format_value(value)}
        options, marks = memo
        if selected:
            at = next((offset for text, offset in marks if text in selected), None)
            if at is not None:
                options = f"{options[:at]} selected{options[at:]}"
        return mark_safe(f"<select{attr_html}>{options}</select>")  # noqa: S308 — escaped in _options
