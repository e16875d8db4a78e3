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


class FastSelect(forms.Select):
    """A single ``<select>`` rendered in one pass instead of one widget template per option:
    the case list's country and authority filters have hundreds of options on every request.
    Same HTML as Django's Select (label, ids, aria attributes come from the bound field)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _v, label in choices):
            return super().render(name, value, attrs, renderer)
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        attr_html = "".join(f" {key}" if val is True else f' {key}="{escape(val)}"'
                            for key, val in final.items() if val is not False and val is not None)
        selected = {str(v) for v in self.format_value(value)}
        parts = [f"<select{attr_html}>"]
        marked = False
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            is_selected = not marked and text in selected
            marked = marked or is_selected
            parts.append(f'<option value="{escape(text)}"{" selected" if is_selected else ""}>'
                         f"{escape(label)}</option>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 — every value and label escaped above
