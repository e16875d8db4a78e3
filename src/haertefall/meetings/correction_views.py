"""The page to correct a recorded vote or decision before the minutes are approved (decision 0121)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from haertefall.core.errors import AccessDenied, DomainError

from .access import access_meeting
from .correction_forms import ItemCorrectForm
from .models import AgendaItem
from .selectors import item_corrections
from .services.corrections import item_decision_correct


@login_required
@require_http_methods(["GET", "POST"])
def item_correct_view(request, pk, item_pk):
    try:
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    except AccessDenied:
        raise Http404 from None
    item = get_object_or_404(AgendaItem.objects.select_related("case", "decision"), pk=item_pk, meeting=meeting,
                             decision__isnull=False)
    form = ItemCorrectForm(request.POST or None, item=item, initial=ItemCorrectForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item_decision_correct(
                item=item, actor=request.user, reason=data["reason"], reasons=data["reasons"],
                votes=form.votes() if "yes" in form.fields else None,
                recommendation_votes=form.votes("recommendation_") if "recommendation_yes" in form.fields else None)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Die Korrektur zu TOP {item.position} ist gespeichert und steht im Verlauf.")
            return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#top-{item.pk}")
    return render(request, "meetings/item_correct.html",
                  {"meeting": meeting, "item": item, "form": form, "corrections": item_corrections(item)},
                  status=400 if form.errors else 200)
