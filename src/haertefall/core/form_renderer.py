"""Django's form renderer with the common widgets rendered in Python.

Django renders every widget, and every option of a select or radio list, through a template
(``input.html`` including ``attrs.html``, one ``select_option.html`` per option …). On the
case file and the case list that was a large share of a page's time. This renderer produces
the *same* HTML for Django's own widget templates in plain Python and hands every other
template (custom widgets, whole-form layouts) to the template renderer unchanged.
``tests/unit/test_form_renderer.py`` renders the project's forms with both renderers and
compares them byte for byte.
"""

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape

_INPUTS = {f"django/forms/widgets/{name}.html" for name in (
    "input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
    "checkbox", "search", "tel", "color", "file",
)}
_OPTION_INPUTS = {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html",
                  "django/forms/widgets/input_option.html"}
_SELECT_OPTION = "django/forms/widgets/select_option.html"
_MULTIPLE_INPUTS = {"django/forms/widgets/radio.html", "django/forms/widgets/checkbox_select.html",
                    "django/forms/widgets/multiple_input.html"}


class _Ctx:
    """What ``render_value_in_context`` reads of a template context."""

    autoescape = True
    use_l10n = None
    use_tz = None


_CTX = _Ctx()


def _text(value) -> str:
    """``{{ value }}``: localised and escaped as the template engine does it."""
    return render_value_in_context(value, _CTX)


def _strf(value) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps a safe string safe)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return conditional_escape("%s" % (value,))  # noqa: UP031 — exactly what the filter does


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_strf(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    value_html = f' value="{_strf(value)}"' if value is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value_html}{_attrs(widget["attrs"])}>'


def _option_input(widget: dict) -> str:
    """``radio_option.html``/``checkbox_option.html`` (which include ``input_option.html``, which
    includes ``input.html``): each included file brings its closing newline."""
    label_open = label_close = ""
    if widget.get("wrap_label"):
        id_ = widget["attrs"].get("id")
        label_open = f'<label for="{_text(id_)}">' if id_ else "<label>"
        label_close = f" {_text(widget['label'])}</label>"
    html = f"{label_open}{_input(widget)}\n{label_close}\n"
    return html if widget["template_name"] == "django/forms/widgets/input_option.html" else html + "\n"


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f'{_text(value) if value else ""}</textarea>')


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != _SELECT_OPTION:
                return None
            parts.append(f'\n  <option value="{_strf(option["value"])}"{_attrs(option["attrs"])}>'
                         f'{_text(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _multiple_inputs(widget: dict) -> str | None:
    id_ = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    id_html = f' id="{_text(id_)}"' if id_ else ""
    class_html = f' class="{_text(css)}"' if css else ""
    parts = [f"<div{id_html}{class_html}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            if option["template_name"] not in _OPTION_INPUTS:
                return None
            parts.append(f"<div>\n    {_option_input(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


class FastFormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: same output as Django's default renderer, faster for its own widgets."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            html = None
            if template_name in _INPUTS:
                html = _input(widget)
            elif template_name in _OPTION_INPUTS and widget.get("template_name") == template_name:
                html = _option_input(widget)
            elif template_name == "django/forms/widgets/textarea.html":
                html = _textarea(widget)
            elif template_name == "django/forms/widgets/select.html":
                html = _select(widget)
            elif template_name in _MULTIPLE_INPUTS:
                html = _multiple_inputs(widget)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request)
