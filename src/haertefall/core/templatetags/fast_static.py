"""``{% static %}`` that asks the static files storage once per path and process.

Django's tag asks the storage for every use (≈ 20 µs: path quoting and URL joining), and the
layout links six files on every page. A path's URL does not change while the process runs
(the files are collected before it starts); a change of the settings that make it (tests)
empties the memo. Installed as a template builtin (settings.TEMPLATES): templates use it
without ``{% load static %}``, which would bring back Django's tag.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library
from django.templatetags.static import StaticNode
from django.utils.html import conditional_escape

register = Library()

# path -> the URL as the tag writes it (escaped); the rest (``as var``, no autoescape) asks
# Django's node.
_urls: dict[str, str] = {}


class MemoStaticNode(StaticNode):
    def render(self, context):
        if self.varname is not None or not context.autoescape:
            return super().render(context)
        path = self.path.resolve(context)
        url = _urls.get(path)
        if url is None:
            url = _urls[path] = conditional_escape(self.handle_simple(path))
        return url


@register.tag
def static(parser, token):
    return MemoStaticNode.handle_token(parser, token)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT", "FORCE_SCRIPT_NAME"):
        _urls.clear()
