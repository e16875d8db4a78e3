"""Pages for the authorities' part: thin — parse, access, call the service, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.services.lifecycle import statement_request_refusal
from haertefall.core.deadlines import Period
from haertefall.core.errors import AccessDenied, DomainError

from . import selectors, services
from .access import (
    access_case_work,
    access_document_release,
    access_hardship_request,
    access_info_request,
    access_intended_decision,
    access_statement_request,
    intended_decisions_for_ministry,
    is_authority,
    is_office,
    require_ministry_view,
    require_office,
)
from .forms import (
    DocumentReleaseForm,
    HardshipRequestSendForm,
    InfoAnswerForm,
    InfoRequestForm,
    IntendedDecisionForm,
    MinistryNoticeOtherwiseForm,
    OutcomeForm,
    StatementAnswerForm,
    StatementExtendForm,
    StatementPauseForm,
    StatementRequestForm,
)
from .models import MinistryChannel


def not_found_on_denial(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied:
            raise Http404 from None

    return login_required(wrapper)


def _form_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _case_url(case_id) -> str:
    return reverse("authorities:case", args=[case_id])


@not_found_on_denial
def inbox(request):
    user = request.user
    if not (is_office(user) or is_authority(user)):
        raise AccessDenied
    today = timezone.localdate()
    statements = list(selectors.statements_open(user=user)[:200])
    for item in statements:
        item.overdue = item.is_overdue(today)
    context = {
        "today": today,
        "statements": statements,
        "info_requests": selectors.info_requests_open(user=user)[:200],
        "awaiting_intended": selectors.hardship_requests_awaiting_intended(user=user)[:200],
        "awaiting_outcome": selectors.hardship_requests_awaiting_outcome(user=user)[:200],
    }
    audit_log(user=user, action=AuditEntry.Action.READ, object_type="authorities.inbox", request=request)
    return render(request, "authorities/inbox.html", context)


@not_found_on_denial
def ministry(request):
    require_ministry_view(request.user)
    decisions = list(intended_decisions_for_ministry(request.user)[:500])
    for decision in decisions:
        audit_log(user=request.user, action=AuditEntry.Action.READ, obj=decision,
                  case=decision.hardship_request.case, request=request, detail="Gründe § 7 Abs. 3 HFKVO")
    # Counts per authority are the office's: the ministry gets them protected in the statistics
    # (decision 0098), not as exact small cells here.
    office = is_office(request.user)
    return render(request, "authorities/ministry.html",
                  {"decisions": decisions, "office": office,
                   "figures": selectors.authority_figures() if office else []})


def _case_work_context(request, case, **extra) -> dict:
    office = is_office(request.user)
    return {
        "case": case,
        "work": selectors.case_work(case=case, user=request.user),
        "timeline": selectors.case_timeline(case=case, user=request.user),
        "office": office,
        "today": timezone.localdate(),
        # The office decides here what the authority receives; the authority sees what it got.
        "releases": selectors.documents_for_release(case=case) if office else [],
        "documents": [] if office else list(selectors.documents_of_authority(case=case, user=request.user)),
        "release_form": DocumentReleaseForm(),
        # § 4 Abs. 2 HFKVO: after the take-up, or straight after the check (decision 0101).
        "statement_possible": office and statement_request_refusal(case=case, on=timezone.localdate()) is None,
        **extra,
    }


@not_found_on_denial
def case_work(request, case_id):
    case = access_case_work(user=request.user, case_id=case_id, for_write=False, request=request)
    return render(request, "authorities/case.html", _case_work_context(request, case))


@not_found_on_denial
@require_http_methods(["POST"])
def document_release_view(request, case_id, document_id):
    """Release one document of the case to its authority (§ 6 Abs. 2 HFKVO)."""
    require_office(request.user)
    case = access_case_work(user=request.user, case_id=case_id, for_write=True, request=request)
    document = case.documents.filter(pk=document_id).first()
    if document is None:
        raise AccessDenied
    form = DocumentReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.document_release(document=document, actor=request.user,
                                      confirm_sensitive=form.cleaned_data["confirm_sensitive"])
        except DomainError as exc:
            context = _case_work_context(request, case, release_error=exc.message, release_document=document.pk)
            return render(request, "authorities/case.html", context, status=400)
        messages.success(request, f"„{document.title}“ ist der Ausländerbehörde freigegeben.")
    return redirect(_case_url(case.pk) + "#freigaben")


@not_found_on_denial
@require_http_methods(["POST"])
def document_release_withdraw_view(request, pk):
    require_office(request.user)
    release = access_document_release(user=request.user, pk=pk, request=request)
    access_case_work(user=request.user, case_id=release.document.case_id, for_write=True, request=request)
    try:
        services.document_release_withdraw(release=release, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Die Freigabe von „{release.document.title}“ ist zurückgenommen.")
    return redirect(_case_url(release.document.case_id) + "#freigaben")


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def statement_request_create(request, case_id):
    require_office(request.user)
    case = access_case_work(user=request.user, case_id=case_id, for_write=True, request=request)
    from django.conf import settings

    # A case taken over from the register may wait for a statement requested before: then
    # this page records that earlier request instead of asking again.
    earlier = services.earlier_request_missing(case)
    initial = {"weeks": settings.HAERTEFALL_STATEMENT_PERIOD_WEEKS}
    if earlier:
        initial["requested_on"] = services.earlier_request_date(case)
    # A new request goes out with the documents the office releases to the authority; an
    # earlier request is only recorded (the authority has its papers already).
    proposed = None if earlier else selectors.documents_proposed_for_release(case=case)
    form = StatementRequestForm(request.POST or None, initial=initial, documents=proposed)
    if request.method == "POST" and form.is_valid():
        try:
            if earlier:
                statement = services.statement_request_record_earlier(
                    case=case, actor=request.user, requested_on=form.cleaned_data["requested_on"],
                    period=Period(weeks=form.cleaned_data["weeks"]))
            else:
                statement = services.statement_request(
                    case=case, actor=request.user, requested_on=form.cleaned_data["requested_on"],
                    period=Period(weeks=form.cleaned_data["weeks"]),
                    release_documents=form.cleaned_data.get("documents") or ())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            done = "Frühere Anforderung erfasst" if earlier else "Stellungnahme angefordert"
            messages.success(request, f"{done}; Frist bis {statement.current_due:%d.%m.%Y}.")
            return redirect(_case_url(case.pk))
    if earlier:
        texts = {"title": "Frühere Anforderung nachtragen", "submit": "Anforderung erfassen",
                 "intro": f"Laut Verlauf wurde die Stellungnahme bereits angefordert (übernommen aus dem "
                          f"Register), bei: {case.authority or '– keine Behörde erfasst –'}. Erfassen Sie "
                          "Datum und Frist; die Behörde kann dann im System antworten. Es geht keine "
                          "neue Anforderung hinaus."}
    else:
        texts = {"title": "Stellungnahme anfordern", "submit": "Stellungnahme anfordern",
                 "intro": f"Die Anforderung geht an: {case.authority or '– keine Behörde erfasst –'}."}
    return render(request, "authorities/form.html", {"case": case, "form": form, **texts})


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def statement_answer(request, pk):
    statement = access_statement_request(user=request.user, pk=pk, for_write=request.method == "POST",
                                         request=request)
    form = StatementAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_answer(request=statement, actor=request.user,
                                      answered_on=form.cleaned_data["answered_on"],
                                      text=form.cleaned_data["text"], files=form.cleaned_data["files"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Die Stellungnahme wurde gespeichert.")
            return redirect(_case_url(statement.case_id) if is_office(request.user)
                            else reverse("authorities:inbox"))
    return render(request, "authorities/statement.html", {
        "statement": statement, "case": statement.case, "form": form, "today": timezone.localdate(),
        "office": is_office(request.user),
        "extend_form": StatementExtendForm(), "pause_form": StatementPauseForm(),
        "documents": selectors.documents_of_authority(case=statement.case, user=request.user),
    })


@not_found_on_denial
@require_http_methods(["POST"])
def statement_extend_view(request, pk):
    require_office(request.user)
    statement = access_statement_request(user=request.user, pk=pk, for_write=True, request=request)
    form = StatementExtendForm(request.POST)
    if form.is_valid():
        try:
            services.statement_extend(request=statement, actor=request.user,
                                      new_due=form.cleaned_data["new_due"], reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Die Frist wurde verlängert.")
            return redirect(reverse("authorities:statement_answer", args=[pk]))
    return render(request, "authorities/statement.html", {
        "statement": statement, "case": statement.case, "form": StatementAnswerForm(),
        "extend_form": form, "pause_form": StatementPauseForm(), "office": True, "today": timezone.localdate(),
    }, status=400)


@not_found_on_denial
@require_http_methods(["POST"])
def statement_pause_view(request, pk):
    require_office(request.user)
    statement = access_statement_request(user=request.user, pk=pk, for_write=True, request=request)
    form = StatementPauseForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "pause":
                services.statement_pause(request=statement, actor=request.user, paused_on=form.cleaned_data["day"],
                                         reason=form.cleaned_data["reason"])
                messages.success(request, "Die Frist ist gehemmt.")
            else:
                services.statement_resume(request=statement, actor=request.user,
                                          resumed_on=form.cleaned_data["day"])
                messages.success(request, "Die Frist läuft weiter.")
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect(reverse("authorities:statement_answer", args=[pk]))
    return render(request, "authorities/statement.html", {
        "statement": statement, "case": statement.case, "form": StatementAnswerForm(),
        "extend_form": StatementExtendForm(), "pause_form": form, "office": True, "today": timezone.localdate(),
    }, status=400)


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def info_request_create(request, case_id):
    require_office(request.user)
    case = access_case_work(user=request.user, case_id=case_id, for_write=True, request=request)
    form = InfoRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.info_request(case=case, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Weitere Informationen angefordert.")
            return redirect(_case_url(case.pk))
    return render(request, "authorities/form.html", {
        "case": case, "form": form, "title": "Weitere Informationen anfordern", "submit": "Anfordern",
    })


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def info_answer_view(request, pk):
    info = access_info_request(user=request.user, pk=pk, for_write=request.method == "POST", request=request)
    form = InfoAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.info_answer(info=info, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Die Antwort wurde gespeichert.")
            return redirect(_case_url(info.case_id) if is_office(request.user) else reverse("authorities:inbox"))
    return render(request, "authorities/form.html", {
        "case": info.case, "form": form, "title": "Weitere Informationen erfassen", "submit": "Speichern",
        "intro": info.text, "multipart": True,
    })


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def hardship_request_send_view(request, case_id):
    require_office(request.user)
    case = access_case_work(user=request.user, case_id=case_id, for_write=True, request=request)
    form = HardshipRequestSendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hardship_request_send(case=case, actor=request.user, sent_on=form.cleaned_data["sent_on"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Das Ersuchen wurde erzeugt, in der Akte abgelegt und der Behörde gemeldet.")
            return redirect(_case_url(case.pk))
    return render(request, "authorities/form.html", {
        "case": case, "form": form, "title": "Härtefallersuchen versenden", "submit": "Ersuchen versenden",
        "intro": f"Das Schreiben wird aus der Vorlage erzeugt (DOCX und PDF), in der Akte abgelegt und "
                 f"die Behörde ({case.authority or '– keine –'}) per E-Mail benachrichtigt.",
    })


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def intended_decision(request, pk):
    hardship = access_hardship_request(user=request.user, pk=pk, for_write=request.method == "POST",
                                       request=request)
    office = is_office(request.user)
    form = IntendedDecisionForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.intended_decision_record(
                hardship_request=hardship, actor=request.user, follow=data["follow"], reasons=data["reasons"],
                recorded_on=data["recorded_on"], informed_otherwise_on=data.get("informed_otherwise_on"),
                informed_otherwise_channel=data.get("informed_otherwise_channel", ""))
        except DomainError as exc:
            _form_error(form, exc)
        else:
            if decision.ministry_channel == MinistryChannel.EMAIL and decision.ministry_informed_at is None:
                messages.warning(request, "Die beabsichtigte Entscheidung wurde gespeichert. Die E-Mail an das "
                                          "Ministerium konnte nicht versandt werden; die Geschäftsstelle ist "
                                          "informiert und sendet sie erneut.")
            else:
                messages.success(request, "Die beabsichtigte Entscheidung wurde gespeichert; Ministerium und "
                                          "Geschäftsstelle sind informiert.")
            return redirect(reverse("authorities:outcome", args=[pk]))
    return render(request, "authorities/hardship.html", {
        "hardship": hardship, "case": hardship.case, "form": form, "title": "Beabsichtigte Entscheidung",
        "office": office, "otherwise_form": MinistryNoticeOtherwiseForm(),
        "decisions": hardship.intended_decisions.select_related("ministry_notice"),
        "submit": "Beabsichtigte Entscheidung mitteilen",
        "hint": "§ 7 Abs. 3 HFKVO: Die Behörde informiert das Ministerium und die Geschäftsstelle über ihre "
                "beabsichtigte Entscheidung. Will sie dem Ersuchen nicht entsprechen, teilt sie vor der "
                "abschließenden Entscheidung die maßgeblichen Gründe mit.",
    })


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def outcome(request, pk):
    hardship = access_hardship_request(user=request.user, pk=pk, for_write=request.method == "POST",
                                       request=request)
    form = OutcomeForm(request.POST or None, persons=hardship.case.persons.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(hardship_request=hardship, actor=request.user, **form.outcome_data(),
                                    person_outcomes=form.person_outcomes())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Das Ergebnis wurde gespeichert.")
            return redirect(_case_url(hardship.case_id))
    existing = getattr(hardship, "outcome", None) if hasattr(hardship, "outcome") else None
    return render(request, "authorities/hardship.html", {
        "hardship": hardship, "case": hardship.case, "form": form, "title": "Abschließende Entscheidung",
        "decisions": hardship.intended_decisions.all(), "existing_outcome": existing,
        "submit": "Ergebnis speichern",
        "hint": "Die abschließende Entscheidung kann erst erfasst werden, wenn die beabsichtigte Entscheidung "
                "mitgeteilt wurde (§ 7 Abs. 3 HFKVO).",
    })


@not_found_on_denial
@require_POST
def ministry_notice_resend_view(request, pk):
    """§ 7 Abs. 3 HFKVO: the office sends the notice to the ministry again."""
    require_office(request.user)
    decision = access_intended_decision(user=request.user, pk=pk, request=request)
    try:
        decision = services.ministry_notice_resend(decision=decision, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if decision.ministry_informed_at is None:
            messages.error(request, "Die E-Mail an das Ministerium konnte wieder nicht versandt werden. Bitte "
                                    "prüfen Sie die Adresse oder erfassen Sie eine anderweitige Mitteilung.")
        else:
            messages.success(request, "Die Mitteilung an das Ministerium wurde versandt.")
    return redirect(reverse("authorities:intended_decision", args=[decision.hardship_request_id]))


@not_found_on_denial
@require_POST
def ministry_notice_otherwise_view(request, pk):
    """§ 7 Abs. 3 HFKVO: the office records a notice to the ministry sent on another way."""
    require_office(request.user)
    decision = access_intended_decision(user=request.user, pk=pk, request=request)
    form = MinistryNoticeOtherwiseForm(request.POST)
    if form.is_valid():
        try:
            services.ministry_notice_record_otherwise(decision=decision, actor=request.user,
                                                      informed_on=form.cleaned_data["informed_on"],
                                                      channel=form.cleaned_data["channel"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Die Mitteilung an das Ministerium ist erfasst.")
    else:
        messages.error(request, "Bitte geben Sie Datum und Weg der Mitteilung an: "
                       + " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("authorities:intended_decision", args=[decision.hardship_request_id]))
