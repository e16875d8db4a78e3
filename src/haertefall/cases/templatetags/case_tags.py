"""``{% state_badge case %}``: the case's state (or, when closed, its closure) as a KERN badge."""

from django import template

register = template.Library()


@register.inclusion_tag("cases/includes/state_badge.html")
def state_badge(case) -> dict:
    return {"case": case}
