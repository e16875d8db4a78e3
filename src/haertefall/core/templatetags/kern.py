"""``{% kern_fields form %}``: the older spelling of ``{{ form }}`` (core/forms/form.html)."""

from django import template

register = template.Library()


@register.simple_tag
def kern_fields(form):
    return form.render()
