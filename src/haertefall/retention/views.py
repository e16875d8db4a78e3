"""Retention periods: the administration sets them, the DPO reads them. No case content."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from haertefall.accounts.models import Role
from haertefall.core.api import user_is_verified
from haertefall.core.errors import DomainError

from .models import RetentionRule
from .services import retention_rule_set


class RuleForm(forms.Form):
    years = forms.IntegerField(label="Aufbewahrung (Jahre nach Ablauf des Erledigungsjahres)", min_value=1,
                               max_value=30, widget=forms.NumberInput(attrs={"class": "kern-form-input__input"}))
    basis = forms.CharField(label="Begründung", max_length=300, required=False,
                            widget=forms.TextInput(attrs={"class": "kern-form-input__input"}))


def _require(user, roles):
    if not (user_is_verified(user) and user.role in roles):
        raise PermissionDenied


@login_required
def rules(request):
    _require(request.user, {Role.ADMIN, Role.DPO})
    return render(request, "retention/rules.html", {
        "rules": RetentionRule.objects.all(), "can_edit": request.user.role == Role.ADMIN})


@login_required
def rule_edit(request, pk):
    _require(request.user, {Role.ADMIN})
    try:
        rule = RetentionRule.objects.get(pk=pk)
    except RetentionRule.DoesNotExist:
        raise Http404 from None
    form = RuleForm(request.POST or None, initial={"years": rule.years, "basis": rule.basis})
    if request.method == "POST" and form.is_valid():
        try:
            retention_rule_set(actor=request.user, closure=rule.closure, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Die Frist für „{rule.get_closure_display()}“ wurde gespeichert.")
            return redirect("retention:rules")
    return render(request, "retention/rule_form.html", {"form": form, "rule": rule})
