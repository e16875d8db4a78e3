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


def test_every_filter_keeps_what_was_chosen_and_the_search_text_comes_back_escaped(office_client, office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", nationality="Kosovo")
    chosen = {"state": case.state, "year": case.received_on.year, "authority": case.authority_id,
              "country": case.country_id, "ordering": "file_number", "overdue": "on", "q": '<script>"x"'}
    body = office_client.get(reverse("cases:list"), chosen).content.decode()
    for name in ("state", "year", "authority", "country", "ordering"):
        select = re.search(rf'<select name="{name}" class="kern-form-input__select" id="id_{name}">.*?</select>',
                           body, re.S).group(0)
        assert re.findall(r'<option value="([^"]*)" selected>', select) == [str(chosen[name])], name
    assert re.search(r'<input type="checkbox" name="overdue"[^>]* checked', body)
    assert '<input type="text" name="q" value="&lt;script&gt;&quot;x&quot;"' in body
    assert "<script>" not in body.split("<main", 1)[1]


def test_the_register_filters_are_read_once_and_still_show_each_request_its_own_choice(office_client, office_user):
    """The country and authority selects are kept rendered per chosen value (five minutes)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kosovo_case = make_case(actor=office_user, family_name="Krasniqi", nationality="Kosovo")
    turkey_case = make_case(actor=office_user, family_name="Yilmaz", nationality="Türkei")
    office_client.get(reverse("cases:list"))
    with CaptureQueriesContext(connection) as queries:
        office_client.get(reverse("cases:list"))
    register_reads = [q["sql"] for q in queries.captured_queries
                      if 'FROM "registers_country"' in q["sql"] or 'FROM "registers_authority"' in q["sql"]]
    assert register_reads == []
    for case, other in ((kosovo_case, turkey_case), (turkey_case, kosovo_case)):
        for _ in range(2):
            body = office_client.get(reverse("cases:list"), {"country": case.country_id}).content.decode()
            select = re.search(r'<select name="country".*?</select>', body, re.S).group(0)
            assert re.findall(r'<option value="(\d+)" selected>', select) == [str(case.country_id)]
            assert case.file_number in body and other.file_number not in body
    for _ in range(2):  # an unknown value: the error stays tied to that value
        body = office_client.get(reverse("cases:list"), {"country": "999999"}).content.decode()
        assert re.search(r'<p class="kern-error" id="id_country_error">.*?Wählen Sie bei „[^“]+“ einen der angebotenen Einträge aus', body)
    body = office_client.get(reverse("cases:list")).content.decode()
    assert "id_country_error" not in body


def test_name_search_on_the_list(office_client, office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    other = make_case(actor=office_user, family_name="Berisha", given_names="Arben")
    body = office_client.get(reverse("cases:list"), {"q": "krasn arb"}).content.decode()
    assert case.file_number in body and other.file_number not in body
    body = office_client.get(reverse("cases:list"), {"q": "Krasniqui"}).content.decode()
    assert case.file_number in body and other.file_number not in body


def test_the_list_reads_a_fixed_number_of_queries_and_shows_every_column(office_client, office_user):
    """More cases, no more queries (the persons are read for the page at once),
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
        row = re.search(rf"<tr class=\"kern-table__row\">\s*(?:<td[^>]*><input[^>]*></td>\s*)?<th[^>]*><a[^>]*>{case.file_number}</a>.*?</tr>", body, re.S)
        assert row, case.file_number
        assert case.received_on.strftime("%d.%m.%Y") in row.group(0)
        assert case.country.name in row.group(0) and case.main_person.family_name in row.group(0)
        assert (case.authority.name if case.authority_id else "–") in row.group(0)


def test_pages_of_the_list_count_and_page(office_client, office_user, monkeypatch):
    """Every case once, newest first, across the pages; the count names all of them."""
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
    body = office_client.get(reverse("cases:list"), {"q": "Seite1"}).content.decode()
    assert "1 Fall gefunden." in body and cases[1].file_number in body


def test_a_typed_value_with_an_error_is_not_kept_in_the_cache(office_client, office_user):
    """Django's error for an unknown choice repeats the value; anyone can type a name there."""
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key

    body = office_client.get(reverse("cases:list"), {"state": "Hans Muster"}).content.decode()
    assert "einen der angebotenen Einträge aus" in body
    assert cache.get(make_template_fragment_key("case-list-filter", ["state", "Hans Muster"])) is None
    office_client.get(reverse("cases:list"), {"state": "received"})
    assert cache.get(make_template_fragment_key("case-list-filter", ["state", "received"])) is not None
