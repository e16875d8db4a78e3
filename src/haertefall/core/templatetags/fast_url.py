"""``{% url %}`` with ``core.fast_urls.reverse_ids`` for links whose arguments are ids; any
other use (keyword arguments, ``as var``, other values) is Django's tag unchanged. Installed
as a template builtin (settings.TEMPLATES), so it replaces the default tag everywhere."""

from django.template import Library, defaulttags
from django.utils.html import conditional_escape

from haertefall.core.fast_urls import reverse_ids

register = Library()


class FastURLNode(defaulttags.URLNode):
    def render(self, context):
        if self.kwargs or self.asvar:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if not all(type(a) is int and a >= 0 for a in args):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = reverse_ids(view_name, args, current_app)
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return FastURLNode(node.view_name, node.args, node.kwargs, node.asvar)
