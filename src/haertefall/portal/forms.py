"""The project's form renderer: Django's own, with the KERN UX field and form templates, KERN's
input classes and error messages in the formal address that name the field.

Both are set here once for every form (``FORM_RENDERER`` → ``bound_field_class``, Django 5.2),
so a form only writes its own message where it has something more to say
(docs/decisions/0115-error-pages-and-form-wording.md).
"""

from django import forms
from django.forms.renderers import DjangoTemplates

# KERN's base class of each kind of input; an input carries exactly one of them.
KERN_INPUT_CLASSES = frozenset({"kern-form-check__checkbox", "kern-form-check__radio", "kern-form-check__input",
                                "kern-form-input__select", "kern-form-input__input"})


def _css_class(widget) -> str:
    """KERN's class for an input: a checkbox looks like KERN's checkbox, never like a radio
    (Django's CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked first)."""
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


def formal_messages(field, label: str) -> dict[str, str]:
    """German messages for Django's error codes, in the formal address, naming the field
    ("Geben Sie „Eingangsdatum“ ein."). ``%`` in a label is doubled: Django fills in the
    message's ``%(limit_value)s`` placeholders, in messages that have them."""
    name = f"„{label}“"
    pname = f"„{label.replace('%', '%%')}“"
    widget = field.widget
    if isinstance(field, forms.FileField):
        required = f"Wählen Sie eine Datei für {name} aus."
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        required = f"Wählen Sie bei {name} mindestens einen Eintrag aus."
    elif isinstance(widget, forms.CheckboxInput):
        required = f"Bestätigen Sie {name}."
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(widget, forms.Select):
        required = f"Wählen Sie {name} aus."
    else:
        required = f"Geben Sie {name} ein."
    messages = {
        "required": required,
        "invalid_choice": f"Wählen Sie bei {pname} einen der angebotenen Einträge aus.",
        "max_length": f"Geben Sie bei {pname} höchstens %(limit_value)d Zeichen ein (jetzt %(show_value)d).",
        "empty": f"Die für {name} gewählte Datei ist leer. Wählen Sie eine andere Datei aus.",
    }
    # What "a valid value" means depends on the kind of field. The subclasses come first
    # (an IntegerField is no DecimalField, a DateTimeField no DateField).
    invalid = [
        (forms.DateTimeField, "ein gültiges Datum mit Uhrzeit"),
        (forms.DateField, "ein gültiges Datum (TT.MM.JJJJ)"),
        (forms.TimeField, "eine gültige Uhrzeit (SS:MM)"),
        (forms.IntegerField, "eine ganze Zahl"),
        (forms.DecimalField, "eine Zahl"),
        (forms.FloatField, "eine Zahl"),
        (forms.EmailField, "eine gültige E-Mail-Adresse"),
        (forms.URLField, "eine gültige Internetadresse (https://…)"),
    ]
    for kind, what in invalid:
        if isinstance(field, kind):
            messages["invalid"] = f"Geben Sie bei {name} {what} ein."
            break
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        messages["min_value"] = f"Geben Sie bei {pname} eine Zahl ab %(limit_value)s ein."
        messages["max_value"] = f"Geben Sie bei {pname} eine Zahl bis %(limit_value)s ein."
    return messages


def _django_defaults(field) -> dict:
    """The messages Django's field classes bring (``default_error_messages`` along the MRO)."""
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    return defaults


class KernBoundField(forms.BoundField):
    """Every form field of the project (``KernFormRenderer.bound_field_class``)."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # ``form.fields`` are the form instance's own copies, so this changes no other form.
        # A message the form set itself stays; only Django's generic ones are replaced.
        defaults = _django_defaults(field)
        label = str(self.label or name)
        for code, message in formal_messages(field, label).items():
            current = field.error_messages.get(code)
            if current is None or (code in defaults and str(current) == str(defaults[code])):
                field.error_messages[code] = message

    @property
    def summary_errors(self) -> list[str]:
        """This field's messages for the error summary at the top of a page, each naming the
        field: the formal messages already do, a form's own gets the label in front."""
        label = str(self.label or self.name)
        return [error if f"„{label}“" in error else f"{label}: {error}" for error in self.errors]

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not isinstance(widget, forms.HiddenInput):
            css = _css_class(widget)
            # Passed attrs replace the widget's own class: keep the widget's other classes
            # (modifiers such as widths) and put the right base class in place of any other.
            present = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}".split()
            kept = [name for name in present if name not in KERN_INPUT_CLASSES]
            attrs["class"] = " ".join(dict.fromkeys([*kept, css]))
        return attrs


class KernFormRenderer(DjangoTemplates):
    """``FORM_RENDERER``. ``{{ form.x.as_field_group }}`` writes one field in KERN style
    (label, hint, errors, input); ``{{ form }}`` writes all fields of a form that way. Widgets
    keep Django's own templates."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = KernBoundField
