"""Pieces of the case list page that belong to the list tools (the cases app stays unaware
of them): saved filters beside the filter form, export links, the bulk action bar."""

from django import template

from ..access import can_export_case_list, can_save_filters, can_work_in_bulk, saved_filters_for
from ..forms import BulkForm, SavedFilterForm

register = template.Library()


@register.inclusion_tag("worklist/saved_filters.html", takes_context=True)
def saved_filters(context):
    user = context["request"].user
    return {"may_save": can_save_filters(user), "saved": list(saved_filters_for(user)) if can_save_filters(user) else [],
            "form": SavedFilterForm(), "list_filters": context.get("list_filters", {}),
            "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("worklist/list_tools.html", takes_context=True)
def list_tools(context):
    user = context["request"].user
    bulk = can_work_in_bulk(user)
    return {"may_export": can_export_case_list(user), "query": context.get("query", ""),
            "bulk": bulk, "bulk_form": BulkForm(user=user) if bulk else None,
            "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def may_work_in_bulk(context) -> bool:
    return can_work_in_bulk(context["request"].user)
