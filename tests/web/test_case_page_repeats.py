"""The case page lists possible repeat applications: each other person once, best match first,
with the other case's file number (a link), receipt date, state, name, birth date and score."""

import re
from datetime import date

import pytest
from django.urls import reverse

from haertefall.cases.models import Case, PersonRepeat
from haertefall.cases.selectors import case_repeats
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_the_case_page_lists_each_repeat_once_with_its_details(office_client, office_user):
    exact = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben", received_on=date(2019, 4, 2),
                      birth_date=date(1985, 3, 1))
    near = make_case(actor=office_user, family_name="Krasniqui", given_names="Arben", received_on=date(2020, 6, 3),
                     birth_date=None)
    Case.objects.filter(pk=near.pk).update(state="ready")
    unrelated = make_case(actor=office_user, family_name="Berisha", given_names="Drita")
    case = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben", birth_date=date(1985, 3, 1))

    repeats = case_repeats(case)
    assert [r.file_number for r in repeats] == [exact.file_number, near.file_number]
    assert repeats[0].score > repeats[1].score
    # Each other person once, with their best score, although several names of theirs match.
    stored = PersonRepeat.objects.filter(person__case=case).values_list("other_id", flat=True)
    assert len(repeats) == len(set(stored))

    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    items = re.findall(r"<li><a class=\"kern-link\" href=\"(/faelle/\d+/)\">([^<]+)</a> \(Eingang ([^,]+), ([^)]+)\): "
                       r"([^<]*?) – Übereinstimmung (\d+) %</li>", body)
    assert [(url, number) for url, number, *_ in items] == [
        (reverse("cases:detail", args=[exact.pk]), exact.file_number),
        (reverse("cases:detail", args=[near.pk]), near.file_number)]
    assert items[0][2:] == ("02.04.2019", "Eingegangen", "Krasniqi, Arben, geb. 01.03.1985", "100")
    assert items[1][2] == "03.06.2020" and items[1][3] == "Bereit für Sitzung"
    assert items[1][4] == "Krasniqui, Arben" and int(items[1][5]) < 100
    assert unrelated.file_number not in body
