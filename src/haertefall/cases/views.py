"""Pages of the case file. Parse input, check access, call the service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from . import forms as f
from . import listpage
from .access import (
    access_case,
    access_document,
    can_list_cases,
    can_write_case,
    documents_removed_for,
    documents_visible_for,
    history_reader_for,
    reads_whole_file,
)
from .casefile import CaseContents, case_contents, case_file_links, foreign_step_links
from .caselist import (
    SearchExpired,
    case_list_address,
    case_list_filters,
    case_list_for,
    case_list_read_log,
)
from .filenames import document_download_name
from .filters import CaseFilter
from .models import Document, FollowUp, Note, Person, PersonName, PersonRepeat, ReasonCategory
from .presenters import timeline_rows
from .selectors import case_event_list, case_flagged_grounds, case_repeats, person_possible_repeats
from .services.intake import PersonInput, case_receive, person_add
from .services.master import case_update, person_name_add, person_update
from .services.records import document_add, followup_add, followup_done, note_add
from .steps import ACTIONS_BY_KEY, FOREIGN_BY_KEY, actions_for, run_action

PAGE_SIZE = listpage.DEFAULT_PAGE_SIZE
# What a row of the case list shows (cases/list.html); the rest of a case is not read.
LIST_COLUMNS = ("file_number", "received_on", "state", "closure", "persons_count", "authority__name",
                "country__name")


def _case_or_404(request, pk, *, for_write: bool, log_read: bool = True):
    try:
        return access_case(user=request.user, case_id=pk, for_write=for_write, request=request,
                           log_read=log_read)
    except AccessDenied:
        raise Http404("Fall nicht gefunden.") from None


def _office_only(request):
    if not can_write_case(request.user):
        raise PermissionDenied


def _add_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request):
    """The case list. The filter form is sent by POST and answered with a redirect: a search
    text (a name) is kept in the session under a random id, so that no name lands in the
    address, the browser's history or a proxy's log (ASVS 14.2.1); the other filters stay in
    the address, so that going back and bookmarks work."""
    if not can_list_cases(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return redirect(case_list_address(request, {k: v for k, v in request.POST.items()
                                                if k in CaseFilter.base_filters and v}))
    # Coming back to the list (navigation, a link without parameters) shows the last list.
    if not request.GET and request.session.get(LAST_LIST_ADDRESS):
        return redirect(f"{reverse('cases:list')}?{request.session[LAST_LIST_ADDRESS]}")
    if "zuruecksetzen" in request.GET:
        request.session.pop(LAST_LIST_ADDRESS, None)
        return redirect("cases:list")
    try:
        filters = case_list_filters(request)
    except SearchExpired:
        messages.info(request, "Diese Suche ist abgelaufen; bitte suchen Sie erneut.")
        request.session.pop(LAST_LIST_ADDRESS, None)
        return redirect("cases:list")
    case_filter = case_list_for(user=request.user, filters=filters)
    size = listpage.page_size(request.GET.get("anzahl"), default=PAGE_SIZE)
    page = Paginator(case_filter.qs.only(*LIST_COLUMNS), size).get_page(request.GET.get("seite"))
    case_list_read_log(user=request.user, request=request, cases=page.object_list,
                       searched=bool(filters and filters.get("q")))
    if request.GET and "q" not in request.GET:  # a search text only ever in a kept search
        request.session[LAST_LIST_ADDRESS] = listpage.page_address(request.GET, page.number).lstrip("?")
    query = request.GET.copy()
    query.pop("seite", None)
    chosen = {k: v for k, v in (filters or {}).items() if k in CaseFilter.base_filters and v}
    return render(request, "cases/list.html", {
        "filter": case_filter, "form": case_filter.form, "page": page, "query": query.urlencode(),
        "can_write": can_write_case(request.user), "list_filters": chosen,
        "headers": listpage.sort_headers(query, chosen.get("ordering", "")),
        "page_links": listpage.page_links(query, page), "size_links": listpage.size_links(query, size),
        "first_page": listpage.page_address(query, 1),
        "last_page": listpage.page_address(query, page.paginator.num_pages),
    })


# The address of the list last shown (its query), restored when the list is opened without one.
LAST_LIST_ADDRESS = "hf_case_list_last"


def _family_forms(request):
    return f.FamilyFormSet(request.POST or None, prefix="family")


@login_required
def case_intake(request):
    _office_only(request)
    form = f.IntakeForm(request.POST or None, initial={"assigned_to": request.user.pk})
    family = _family_forms(request)
    if request.method == "POST" and form.is_valid() and family.is_valid():
        data = form.cleaned_data
        main = PersonInput(family_name=data["family_name"], given_names=data["given_names"],
                           birth_date=data["birth_date"], nationality=data["nationality"],
                           other_names=form.other_names())
        members = [
            PersonInput(family_name=m.cleaned_data["family_name"], given_names=m.cleaned_data["given_names"],
                        birth_date=m.cleaned_data["birth_date"],
                        nationality=m.cleaned_data["nationality"] or data["nationality"],
                        relationship=m.cleaned_data["relationship"], other_names=m.other_names())
            for m in family.forms if m.cleaned_data and m.cleaned_data.get("family_name")
        ]
        try:
            case = case_receive(
                actor=request.user, received_on=data["received_on"], main_person=main, family=members,
                submitter_name=data["submitter_name"], submitter_kind=data["submitter_kind"],
                submitter_contact=data["submitter_contact"], submitter_email=data["submitter_email"],
                submitter_phone=data["submitter_phone"], submitter_form_of_address=data["submitter_form_of_address"],
                authority=data["authority"], reason_categories=data["reason_categories"],
                reasons_text=data["reasons_text"], prior_procedure=data["prior_procedure"],
                assigned_to=data["assigned_to"])
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, f"Der Antrag wurde als {case.file_number} erfasst.")
            repeats = person_possible_repeats(family_name=main.family_name, given_names=main.given_names,
                                              birth_date=main.birth_date, exclude_case=case)
            if repeats:
                numbers = ", ".join(sorted({m.case.file_number for m in repeats}))
                messages.warning(request, f"Möglicher Wiederholungsantrag: frühere Fälle {numbers}.")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/intake.html", {
        "form": form, "family": family, "countries": f.countries_for_datalist(),
    }, status=400 if form.errors or (family.is_bound and family.errors and any(family.errors)) else 200)


@login_required
@require_POST
def intake_repeats(request):
    """htmx: possible repeat applications for the name typed so far, before saving. By POST:
    names and birth dates stay out of addresses and logs."""
    _office_only(request)
    form = f.RepeatCheckForm(request.POST)
    matches = []
    if form.is_valid() and form.cleaned_data["family_name"]:
        audit_log(user=request.user, action=AuditEntry.Action.SEARCH, object_type="cases.person",
                  request=request, detail="Prüfung auf Wiederholungsantrag")
        matches = person_possible_repeats(**form.cleaned_data)
    return render(request, "cases/includes/repeats.html", {"repeats": matches, "checked": form.is_valid()})


@login_required
@require_GET
def intake_person_row(request):
    """htmx: one more (empty) family member row for the intake form."""
    _office_only(request)
    try:
        index = max(0, min(int(request.GET.get("index", "0")), 19))
    except ValueError:
        index = 0
    family = f.FamilyFormSet(prefix="family")
    member = family.form(prefix=family.add_prefix(index), auto_id=family.auto_id, empty_permitted=True,
                         use_required_attribute=False)
    return render(request, "cases/includes/family_row.html", {
        "member": member, "index": index, "next_index": index + 1,
        "oob": True,
    })


def _detail_context(request, case, *, step_forms=None, open_step=None, persons=None, contents=None):
    is_office = can_write_case(request.user)
    # Tables without rows for this case are not read (one EXISTS query for all of them).
    if contents is None:
        contents = case_contents(case)
    if persons is None:
        persons = _case_persons(case, contents)

    def records(model, read):
        return read() if contents.has(model) else []

    events = timeline_rows(case_event_list(case), reader=history_reader_for(request.user))
    context = {
        "case": case, "persons": persons, "events": events, "is_office": is_office,
        "documents": records(Document, lambda: _documents(request.user, case)),
        # The formal check's findings are the office's and the commission's (§ 6 Abs. 2 HFKVO).
        "flagged_grounds": case_flagged_grounds(case) if reads_whole_file(request.user) else [],
        "reason_labels": [ReasonCategory(c).label for c in case.reason_categories
                          if c in ReasonCategory.values],
        "related": case_file_links(case=case, user=request.user, contents=contents),
    }
    if is_office:
        step_forms = step_forms or {}
        context.update({
            "notes": records(Note, lambda: case.notes.select_related("author").order_by("-created_at", "-pk")),
            "follow_ups": records(FollowUp, lambda: case.follow_ups.select_related("created_by")),
            "repeats": case_repeats(case) if contents.has(PersonRepeat) else [],
            "steps": [
                {"action": a, "form": step_forms.get(a.key) or f.step_form_class(a)(case=case),
                 "open": a.key == open_step}
                for a in actions_for(case)
            ],
            "foreign_steps": foreign_step_links(case=case, user=request.user),
            "removed_documents": records(Document, lambda: documents_removed_for(user=request.user, case=case)),
        })
    return context


def _documents(user, case) -> list[Document]:
    """The documents the user reads; for the office each with ``released_on``: when it was
    released to the case's authority (authorities.DocumentRelease), or None."""
    from haertefall.authorities.selectors import document_release_dates

    documents = list(documents_visible_for(user=user, case=case).order_by("-uploaded_at", "-pk"))
    if can_write_case(user):
        released = document_release_dates(case=case)
        for document in documents:
            document.released_on = released.get(document.pk)
    return documents


def _case_persons(case, contents: CaseContents) -> list[Person]:
    """The persons of the case, each with ``names``: its other name forms."""
    persons = list(Person.objects.filter(case_id=case.pk)
                   .select_related("nationality", "nationality__successor", "nationality_successor")
                   .prefetch_related("nationality__successor_states").order_by("pk"))
    names: dict[int, list[PersonName]] = {}
    if contents.has(PersonName):
        for name in PersonName.objects.filter(person__case_id=case.pk).order_by("pk"):
            names.setdefault(name.person_id, []).append(name)
    for person in persons:
        person.case = case
        person.names = names.get(person.pk, [])
    return persons


@login_required
@require_GET
def case_detail(request, pk):
    case = _case_or_404(request, pk, for_write=False, log_read=False)
    contents = case_contents(case)
    # The read is logged with the persons shown, before anything is rendered.
    persons = _case_persons(case, contents)
    audit_log(user=request.user, action=AuditEntry.Action.READ, obj=case, case=case, request=request,
              person_ids=[p.pk for p in persons])
    return render(request, "cases/detail.html", _detail_context(request, case, persons=persons, contents=contents))


@login_required
@require_POST
def case_step_view(request, pk, step):
    action = ACTIONS_BY_KEY.get(step)
    case = _case_or_404(request, pk, for_write=True, log_read=False)
    foreign = FOREIGN_BY_KEY.get(step)
    if foreign is not None:
        # Steps of the meetings and authorities parts are recorded there, with their rules.
        context = _detail_context(request, case)
        context["step_error"] = foreign
        context["step_error_messages"] = [foreign.refusal]
        return render(request, "cases/detail.html", context, status=400)
    if action is None:
        raise Http404("Unbekannter Verfahrensschritt.")
    form = f.step_form_class(action)(request.POST, case=case)
    if form.is_valid():
        try:
            run_action(action, case=case, actor=request.user, effective_on=form.cleaned_data["effective_on"],
                       expected_version=form.cleaned_data["version"], values=form.values())
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, f"„{action.label}“ wurde erfasst.")
            return redirect(reverse("cases:detail", args=[case.pk]) + "#verlauf")
    case.refresh_from_db()
    context = _detail_context(request, case, step_forms={action.key: form}, open_step=action.key)
    context["step_error"] = action
    # Each message names its field, so the summary says what to correct (a form-wide error
    # stands alone; portal.forms.KernBoundField.summary_errors, decision 0115).
    context["step_error_messages"] = [*form.non_field_errors(),
                                      *(message for field in form for message in field.summary_errors)]
    return render(request, "cases/detail.html", context, status=400)


@login_required
def case_edit(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    initial = {name: getattr(case, name) for name in
               ("submitter_name", "submitter_form_of_address", "submitter_kind", "submitter_contact",
                "submitter_phone", "submitter_email",
                "authority", "reason_categories", "reasons_text", "prior_procedure", "version")}
    form = f.CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            case_update(case=case, actor=request.user, expected_version=form.cleaned_data["version"],
                        **changes)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, "Die Stammdaten wurden gespeichert.")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"case": case, "form": form, "title": "Stammdaten bearbeiten",
                                               "submit": "Speichern"},
                  status=400 if form.errors else 200)


def _simple_form(request, case, form, *, title, submit, save):
    countries = f.countries_for_datalist() if any(isinstance(x.field, f.CountryField) for x in form) else ()
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, f"{title}: gespeichert.")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"case": case, "form": form, "title": title,
                                               "submit": submit, "countries": countries,
                                               "multipart": any(isinstance(x.field, f.forms.FileField) for x in form)},
                  status=400 if form.errors else 200)


@login_required
def document_add_view(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    form = f.DocumentForm(request.POST or None, request.FILES or None)
    return _simple_form(request, case, form, title="Dokument hinzufügen", submit="Hochladen",
                        save=lambda d: document_add(case=case, actor=request.user, upload=d["file"],
                                                    title=d["title"], doc_type=d["doc_type"],
                                                    document_date=d["document_date"]))


@login_required
@require_GET
def document_download(request, pk, document_pk):
    case = _case_or_404(request, pk, for_write=False, log_read=False)
    try:
        document = access_document(user=request.user, case=case, document_id=document_pk, request=request)
    except AccessDenied:
        raise Http404("Dokument nicht gefunden.") from None
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=case,
              request=request)
    document.case = case
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document_download_name(document), content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def note_add_view(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    form = f.NoteForm(request.POST or None)
    return _simple_form(request, case, form, title="Notiz hinzufügen", submit="Notiz speichern",
                        save=lambda d: note_add(case=case, actor=request.user, text=d["text"]))


@login_required
def followup_add_view(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    form = f.FollowUpForm(request.POST or None)
    return _simple_form(request, case, form, title="Wiedervorlage anlegen", submit="Wiedervorlage speichern",
                        save=lambda d: followup_add(case=case, actor=request.user, due_on=d["due_on"],
                                                    reason=d["reason"]))


@login_required
@require_POST
def followup_done_view(request, pk, followup_pk):
    case = _case_or_404(request, pk, for_write=True, log_read=False)
    follow_up = FollowUp.objects.filter(case=case, pk=followup_pk).first()
    if follow_up is None:
        raise Http404("Wiedervorlage nicht gefunden.")
    try:
        followup_done(follow_up=follow_up, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Die Wiedervorlage ist erledigt.")
    return redirect("cases:detail", pk=case.pk)


@login_required
def person_name_add_view(request, pk, person_pk):
    case = _case_or_404(request, pk, for_write=True)
    person = Person.objects.filter(case=case, pk=person_pk).first()
    if person is None:
        raise Http404("Person nicht gefunden.")
    form = f.PersonNameForm(request.POST or None)
    return _simple_form(request, case, form, title=f"Weitere Namensform für {person}", submit="Speichern",
                        save=lambda d: person_name_add(person=person, actor=request.user, **d))


@login_required
def person_add_view(request, pk):
    case = _case_or_404(request, pk, for_write=True)
    form = f.FamilyMemberForm(request.POST or None)

    def save(d):
        person_add(case=case, actor=request.user, data=PersonInput(
            family_name=d["family_name"], given_names=d["given_names"], birth_date=d["birth_date"],
            nationality=d["nationality"] or case.country, relationship=d["relationship"],
            other_names=form.other_names()))

    return _simple_form(request, case, form, title="Person hinzufügen", submit="Person speichern", save=save)


@login_required
def person_edit_view(request, pk, person_pk):
    case = _case_or_404(request, pk, for_write=True)
    person = Person.objects.filter(case=case, pk=person_pk).select_related("nationality").first()
    if person is None:
        raise Http404("Person nicht gefunden.")
    initial = {"version": case.version, "family_name": person.family_name, "given_names": person.given_names,
               "birth_date": person.birth_date, "nationality": person.nationality.name,
               "nationality_successor": person.nationality_successor_id}
    form = f.PersonEditForm(request.POST or None, initial=initial, nationality=person.nationality)

    def save(d):
        extra = {"nationality_successor": d["nationality_successor"]} if "nationality_successor" in d else {}
        person_update(person=person, actor=request.user, expected_version=d["version"],
                      family_name=d["family_name"], given_names=d["given_names"],
                      birth_date=d["birth_date"], nationality=d["nationality"], **extra)

    return _simple_form(request, case, form, title=f"Angaben zu {person} ändern", submit="Speichern", save=save)
