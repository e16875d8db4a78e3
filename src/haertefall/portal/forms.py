"""The project's form renderer: Django's own, with the KERN UX field and form templates."""

from django.forms.renderers import DjangoTemplates


class KernFormRenderer(DjangoTemplates):
    """``FORM_RENDERER``. ``{{ form.x.as_field_group }}`` writes one field in KERN style
    (label, hint, errors, input); ``{{ form }}`` writes all fields of a form that way. Widgets
    keep Django's own templates."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
