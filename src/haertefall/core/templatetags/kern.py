"""``{% kern_field field %}``: one form field in KERN style, written in Python.

The markup is that of ``core/includes/field.html`` (which now calls this tag): label, hint,
errors and input; checkbox, a group of radio buttons or checkboxes in a fieldset, or any
other input. The template engine spent more on this wrapper than on the widgets inside it,
for every field of every form. ``tests/unit/test_kern_field.py`` compares the output with
the former template for every form of the project.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ERROR_ICON = '<span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>'
_GROUP_TEMPLATES = {"django/forms/widgets/checkbox_select.html", "django/forms/widgets/radio.html"}


def _errors(field, *, with_id: bool) -> str:
    id_attr = format_html(' id="{}_error"', field.auto_id) if with_id else ""
    return "".join(f'<p class="kern-error"{id_attr}>{_ERROR_ICON}<span class="kern-body">{conditional_escape(e)}</span></p>'
                   for e in field.errors)


def _optional(field) -> str:
    return "" if field.field.required else ' <span class="kern-label__optional">– optional</span>'


@register.simple_tag
def kern_field(field) -> str:
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    multiple = getattr(widget, "allow_multiple_selected", False)
    errors = bool(field.errors)
    help_text = field.help_text
    if input_type == "checkbox" and not multiple:
        hint = format_html('<div class="kern-hint" id="{}_helptext">{}</div>', field.auto_id, help_text) if help_text else ""
        html = (f'<div class="kern-form-check{" kern-form-check--error" if errors else ""}">{field}'
                f'<label class="kern-label" for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}</label>'
                f'{hint}{_errors(field, with_id=True)}</div>')
    elif (multiple and input_type == "checkbox") or widget.template_name in _GROUP_TEMPLATES:
        hint = format_html('<div class="kern-hint">{}</div>', help_text) if help_text else ""
        options = "".join(
            f'<div class="kern-form-check">{option.tag()}<label class="kern-label" '
            f'for="{conditional_escape(option.id_for_label)}">{conditional_escape(option.choice_label)}</label></div>'
            for option in field)
        html = (f'<fieldset class="kern-fieldset{" kern-fieldset--error" if errors else ""}">'
                f'<legend class="kern-label">{conditional_escape(field.label)}{_optional(field)}</legend>'
                f'{hint}{_errors(field, with_id=False)}<div class="kern-fieldset__body">{options}</div></fieldset>')
    else:
        hint = format_html('<div class="kern-hint" id="{}_helptext">{}</div>', field.auto_id, help_text) if help_text else ""
        control = f'<div class="kern-form-input__select-wrapper">{field}</div>' if input_type == "select" else str(field)
        html = (f'<div class="kern-form-input{" kern-form-input--error" if errors else ""}">'
                f'<label class="kern-label" for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}'
                f'{_optional(field)}</label>{hint}{_errors(field, with_id=True)}{control}</div>')
    return mark_safe(html)  # noqa: S308 — every value above is escaped or already safe HTML


@register.simple_tag
def kern_fields(form) -> str:
    """All fields of ``form``: hidden ones as their input, the others as ``{% kern_field %}``
    followed by the line break the field include wrote — the output of
    ``{% for field in form %}{% if field.is_hidden %}{{ field }}{% else %}{% include
    "core/includes/field.html" with field=field %}{% endif %}{% endfor %}`` without an include
    per field."""
    return mark_safe("".join(str(field) if field.is_hidden else f"{kern_field(field)}\n"  # noqa: S308 — safe parts
                             for field in form))
