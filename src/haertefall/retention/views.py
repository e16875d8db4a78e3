"""Retention periods: the administration sets them, the DPO reads them. No case content."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from haertefall.core.errors import DomainError

from .access import can_change_retention_rules, require_retention_editor, require_retention_reader
from .models import RetentionRule
from .services import retention_rule_set


class RuleForm(forms.Form):
    years = forms.IntegerField(label="Aufbewahrung (Jahre nach Ablauf des Erledigungsjahres)", min_value=1,
                               max_value=30, widget=forms.NumberInput(attrs={"class": "kern-form-input__input"}))
    basis = forms.CharField(label="Begründung", max_length=300, required=False,
                            widget=forms.TextInput(attrs={"class": "kern-form-input__input"}))


@login_required
def rules(request):
    require_retention_reader(request.user)
    return render(request, "retention/rules.html", {
        "rules": RetentionRule.objects.all(), "can_edit": can_change_retention_rules(request.user)})


@login_required
def rule_edit(request, pk):
    require_retention_editor(request.user)
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
