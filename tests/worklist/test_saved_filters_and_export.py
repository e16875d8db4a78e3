"""Saved filters belong to their owner; the export is the filtered list, neutralised, logged."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from haertefall.worklist.models import SavedFilter
from tests.authorities_support import authority_user, case_statement_requested
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_saved_filter_is_listed_for_its_owner_and_shows_the_list_again(office_client, office_user):
    case = make_case(actor=office_user, family_name="Krasniqi")
    other = make_case(actor=office_user, family_name="Yilmaz", nationality="Türkei")
    response = office_client.post(reverse("worklist:filter_save"),
                                  {"name": "Kosovo", "country": case.country_id, "q": "Krasniqi", "x": "y"})
    assert response.status_code == 302
    saved = SavedFilter.objects.get(user=office_user)
    assert saved.query == {"country": str(case.country_id), "q": "Krasniqi"}
    body = office_client.get(reverse("cases:list"), {"state": "received"}).content.decode()
    assert re.search(rf'href="/faelle/filter/{saved.pk}/">Kosovo</a>', body)
    address = office_client.get(reverse("worklist:filter_apply", args=[saved.pk]))["Location"]
    assert "Krasniqi" not in address  # the search text stays in the session
    body = office_client.get(address).content.decode()
    assert case.file_number in body and other.file_number not in body


def test_a_second_filter_of_the_same_name_is_refused_in_german(office_client, office_user):
    data = {"name": "Offen", "state": "received"}
    office_client.post(reverse("worklist:filter_save"), data)
    body = office_client.post(reverse("worklist:filter_save"), data, follow=True).content.decode()
    assert "Sie haben bereits einen Filter „Offen“" in body
    assert SavedFilter.objects.count() == 1
    body = office_client.post(reverse("worklist:filter_save"), {"name": "Leer"}, follow=True).content.decode()
    assert "kein Filter gewählt" in body


def test_nobody_else_sees_uses_or_deletes_my_filter(client, office_user):
    mine = SavedFilter.objects.create(user=office_user, name="Meiner", query={"state": "received"})
    colleague = UserFactory(username="kollegin", role=Role.OFFICE)
    client.force_login(colleague)
    assert "Meiner" not in client.get(reverse("cases:list"), {"state": "received"}).content.decode()
    assert client.get(reverse("worklist:filter_apply", args=[mine.pk])).status_code == 404
    assert client.post(reverse("worklist:filter_delete", args=[mine.pk])).status_code == 404
    api = _api(colleague)
    assert api.get(reverse("worklist-api:saved-filters")).json() == []
    assert api.delete(reverse("worklist-api:saved-filter-detail", args=[mine.pk])).status_code == 404
    assert SavedFilter.objects.filter(pk=mine.pk).exists()
    assert AuditEntry.objects.filter(user=colleague, action="denied", object_type="worklist.savedfilter").exists()
    # The owner deletes it.
    client.force_login(office_user)
    assert client.post(reverse("worklist:filter_delete", args=[mine.pk])).status_code == 302
    assert not SavedFilter.objects.filter(pk=mine.pk).exists()


def test_the_api_saves_lists_and_deletes_own_filters(office_user):
    api = _api(office_user)
    response = api.post(reverse("worklist-api:saved-filters"), {"name": "Überfällig", "query": {"overdue": "true"}},
                        format="json")
    assert response.status_code == 201, response.content
    assert [f["name"] for f in api.get(reverse("worklist-api:saved-filters")).json()] == ["Überfällig"]
    response = api.post(reverse("worklist-api:saved-filters"), {"name": "", "query": {}}, format="json")
    assert response.status_code == 400
    pk = SavedFilter.objects.get().pk
    assert api.delete(reverse("worklist-api:saved-filter-detail", args=[pk])).status_code == 204


# --- export --------------------------------------------------------------------------------

@pytest.fixture
def exported(office_user):
    formula = make_case(actor=office_user, family_name="=HYPERLINK(\"http://x\")", given_names="@SUM(A1)")
    plain = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben",
                      received_on=date.today() - timedelta(days=10))
    return formula, plain


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_export_has_german_headers_and_labels_and_neutralised_cells(office_client, exported):
    formula, plain = exported
    response = office_client.get(reverse("worklist:export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="faelle-\d{8}-\d{4}\.csv"', response["Content-Disposition"])
    rows = _csv_rows(response)
    assert rows[0][:3] == ["Aktenzeichen", "Eingangsdatum", "Hauptperson"] and "Stand" in rows[0]
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number[plain.file_number][1] == plain.received_on.strftime("%d.%m.%Y")
    assert by_number[plain.file_number][2] == "Krasniqi, Arben"
    assert by_number[plain.file_number][rows[0].index("Stand")] == "Eingegangen"
    assert by_number[formula.file_number][2].startswith("'=HYPERLINK")
    assert "received" not in response.content.decode("utf-8-sig")


def test_the_xlsx_export_is_the_same_filtered_list(office_client, exported):
    formula, plain = exported
    response = office_client.get(reverse("worklist:export", args=["xlsx"]),
                                 {"ordering": "file_number", "year": plain.received_on.year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Aktenzeichen"
    numbers = [row[0] for row in rows[1:]]
    assert plain.file_number in numbers
    cell = next(row[2] for row in rows[1:] if row[0] == formula.file_number)
    assert cell.startswith("'=")
    assert rows[1][1].date() == min((formula, plain), key=lambda c: c.file_number).received_on


def test_the_export_is_logged_with_count_filters_and_persons_but_not_the_search(office_client, exported):
    formula, plain = exported
    address = office_client.post(reverse("cases:list"), {"q": "Krasniqi", "state": "received"})["Location"]
    response = office_client.get(reverse("worklist:export", args=["csv"]) + "?" + address.split("?")[1])
    assert [row[0] for row in _csv_rows(response)[1:]] == [plain.file_number]
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).get()
    assert entry.object_type == "cases.case"
    assert entry.person_ids == [plain.persons.get().pk]
    assert "1 Fälle" in entry.detail and "Stand: Eingegangen" in entry.detail
    assert "Krasniqi" not in entry.detail and "Suche" in entry.detail


def test_an_authority_exports_only_its_own_cases_and_a_member_none(client, office_user, member_user):
    abh = authority_user("stadt-koeln")
    own = case_statement_requested(actor=office_user, authority_obj=abh.authority)
    other = case_statement_requested(actor=office_user, family_name="Fremd")
    client.force_login(abh)
    numbers = [row[0] for row in _csv_rows(client.get(reverse("worklist:export", args=["csv"])))[1:]]
    assert numbers == [own.file_number] and other.file_number not in numbers
    api = _api(abh)
    response = api.get(reverse("worklist-api:export", args=["csv"]))
    assert response.status_code == 200 and other.file_number not in response.content.decode("utf-8-sig")
    client.force_login(member_user)
    assert client.get(reverse("worklist:export", args=["csv"])).status_code == 403
    assert _api(member_user).get(reverse("worklist-api:export", args=["xlsx"])).status_code == 403


def test_an_unknown_format_or_filter_value_answers_in_german_not_500(office_client, office_user, exported):
    assert office_client.get(reverse("worklist:export", args=["pdf"])).status_code == 404
    response = office_client.get(reverse("worklist:export", args=["csv"]), {"state": "gibtsnicht"}, follow=True)
    assert "ungültigen Wert" in response.content.decode()
    response = _api(office_user).get(reverse("worklist-api:export", args=["csv"]), {"state": "gibtsnicht"})
    assert response.status_code == 400
