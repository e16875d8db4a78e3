"""The case list's filter form: options with the chosen one selected, name search results."""

import re

import pytest
from django.urls import reverse

from haertefall.registers.models import Country
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_country_filter_keeps_choice_and_lists_all_countries(office_client, office_user):
    kosovo_case = make_case(actor=office_user, family_name="Krasniqi", nationality="Kosovo")
    other = make_case(actor=office_user, family_name="Yilmaz", nationality="Türkei")
    kosovo = Country.objects.get(pk=kosovo_case.country_id)
    body = office_client.get(reverse("cases:list"), {"country": kosovo.pk}).content.decode()
    select = re.search(r'<select name="country".*?</select>', body, re.S).group(0)
    assert select.count("<option") == Country.objects.count() + 1
    assert re.search(rf'<option value="{kosovo.pk}" selected>', select)
    assert '<option value="">Alle</option>' in select
    assert kosovo_case.file_number in body and other.file_number not in body


def test_name_search_on_the_list(office_client, office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    other = make_case(actor=office_user, family_name="Berisha", given_names="Arben")
    body = office_client.get(reverse("cases:list"), {"q": "krasn arb"}).content.decode()
    assert case.file_number in body and other.file_number not in body
    body = office_client.get(reverse("cases:list"), {"q": "Krasniqui"}).content.decode()
    assert case.file_number in body and other.file_number not in body


def test_the_list_reads_a_fixed_number_of_queries_and_shows_every_column(office_client, office_user):
    """The list reads only the columns it shows (LIST_COLUMNS): more cases, no more queries,
    and every shown value is there (no deferred field read row by row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_case(actor=office_user, family_name="Krasniqi", nationality="Kosovo")
    office_client.get(reverse("cases:list"))
    with CaptureQueriesContext(connection) as few:
        office_client.get(reverse("cases:list"))
    cases = [make_case(actor=office_user, family_name=f"Name{i}", nationality="Türkei") for i in range(4)]
    office_client.get(reverse("cases:list"))  # the intake emptied the cached list of years
    with CaptureQueriesContext(connection) as many:
        body = office_client.get(reverse("cases:list")).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    for case in [first, *cases]:
        row = re.search(rf"<tr class=\"kern-table__row\">\s*<th[^>]*><a[^>]*>{case.file_number}</a>.*?</tr>", body, re.S)
        assert row, case.file_number
        assert case.received_on.strftime("%d.%m.%Y") in row.group(0)
        assert case.country.name in row.group(0) and case.main_person.family_name in row.group(0)
        assert (case.authority.name if case.authority_id else "–") in row.group(0)


def test_each_list_request_gets_its_own_filters_and_fields(office_client, office_user):
    """Light copies (core.light_copy): a request's filter form does not leak its widget
    attributes or bound values into the next request's."""
    from haertefall.cases.filters import CaseFilter

    first = CaseFilter({"state": "received"})
    second = CaseFilter({"state": "closed"})
    assert first.form.fields["state"] is not second.form.fields["state"]
    first.form.fields["state"].widget.attrs["data-x"] = "1"
    assert "data-x" not in second.form.fields["state"].widget.attrs
    assert "data-x" not in CaseFilter().form.fields["state"].widget.attrs
    assert first.filters["q"] is not second.filters["q"] and first.filters["q"].parent is first
    assert first.is_valid() and second.is_valid()
    assert first.form.cleaned_data["state"] == "received" and second.form.cleaned_data["state"] == "closed"


def test_pages_of_the_list_count_and_page_as_before(office_client, office_user, monkeypatch):
    """The first page is read before counting; a full first page still counts all cases and
    the other pages are reachable, a short one needs no COUNT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from haertefall.cases import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    cases = [make_case(actor=office_user, family_name=f"Seite{i}") for i in range(5)]
    newest_first = sorted(cases, key=lambda c: (c.received_on, c.pk), reverse=True)
    seen = []
    for number in ("", "2", "3"):
        body = office_client.get(reverse("cases:list"), {"seite": number} if number else {}).content.decode()
        assert "5 Fälle gefunden." in body and "von 3" in body
        seen += [c.file_number for c in newest_first if c.file_number in body]
    assert seen == [c.file_number for c in newest_first]
    with CaptureQueriesContext(connection) as queries:
        body = office_client.get(reverse("cases:list"), {"q": "Seite1"}).content.decode()
    assert "1 Fall gefunden." in body and cases[1].file_number in body
    assert not any("COUNT(" in (q["sql"] or "") for q in queries.captured_queries)
