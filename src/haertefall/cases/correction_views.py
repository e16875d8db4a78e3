"""Pages to correct an application's and a person's data with a reason (decision 0121)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from haertefall.core.errors import DomainError

from . import forms as f
from .correction_forms import CaseCorrectForm, PersonCorrectForm
from .models import Person
from .services.corrections import case_correct, person_correct
from .views import _add_domain_error, _case_or_404


def _render(request, case, form, *, title):
    countries = f.countries_for_datalist() if "nationality" in form.fields else ()
    return render(request, "cases/form.html", {"case": case, "form": form, "title": title,
                                               "submit": "Korrektur speichern", "countries": countries},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def case_correct_view(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    initial = {"version": case.version, "received_on": case.received_on, "authority": case.authority_id,
               "submitter_name": case.submitter_name, "submitter_kind": case.submitter_kind}
    form = CaseCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, reason = data.pop("version"), data.pop("reason")
        try:
            case_correct(case=case, actor=request.user, reason=reason, expected_version=version, **data)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, "Die Korrektur wurde gespeichert und steht im Verlauf.")
            return redirect("cases:detail", pk=case.pk)
    return _render(request, case, form, title="Angaben zum Antrag korrigieren")


@login_required
@require_http_methods(["GET", "POST"])
def person_correct_view(request, pk, person_pk):
    case = _case_or_404(request, pk, for_write=True)
    person = Person.objects.filter(case=case, pk=person_pk).select_related("nationality").first()
    if person is None:
        raise Http404("Person nicht gefunden.")
    initial = {"version": case.version, "family_name": person.family_name, "given_names": person.given_names,
               "birth_date": person.birth_date, "nationality": person.nationality.name}
    form = PersonCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, reason = data.pop("version"), data.pop("reason")
        try:
            person_correct(person=person, actor=request.user, reason=reason, expected_version=version, **data)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, "Die Korrektur wurde gespeichert und steht im Verlauf.")
            return redirect("cases:detail", pk=case.pk)
    return _render(request, case, form, title=f"Angaben zu {person} korrigieren")
