"""``{% state_badge case %}``: the case's state (or, when closed, its closure) as a KERN badge
(cases.presenters.state_badge_html)."""

from django import template

from ..presenters import state_badge_html

register = template.Library()


@register.simple_tag
def state_badge(case) -> str:
    return state_badge_html(case)
