"""``{% state_badge case %}``: the case's state (or, when closed, its closure) as a KERN badge,
written in Python — the case list shows one per row (25 includes a page before)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def state_badge(case) -> str:
    if case.state == "closed":
        kind = "success" if case.closure == "followed" else "warning"
        return format_html('<span class="kern-badge kern-badge--{}">{}</span>', kind, case.get_closure_display())
    return format_html('<span class="kern-badge kern-badge--info">{}</span>', case.get_state_display())
