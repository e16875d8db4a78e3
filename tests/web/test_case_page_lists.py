"""The case page's lists: possible repeat applications (each other person once, best match
first, with the other case's file number as a link, receipt date, state, name, birth date and
score) and the timeline (dates in German form, the recording time in German local time, who
recorded it)."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from haertefall.cases.models import Case, CaseEvent, PersonRepeat
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
    # Names are escaped like every other text of the page.
    PersonRepeat.objects.filter(person__case=case).update(matched_name="<b>Krasniqi</b>")
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "&lt;b&gt;Krasniqi&lt;/b&gt;" in body and "<b>Krasniqi</b>" not in body


def test_the_timeline_writes_dates_in_local_time_and_the_recorder(office_client, office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", received_on=date(2024, 1, 15))
    office_user.first_name, office_user.last_name = "Erika", "Muster"
    office_user.save()
    # 23:30 UTC on 31 January is 00:30 on 1 February in Düsseldorf (winter time).
    CaseEvent.objects.filter(case=case).update(recorded_at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC))
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    timeline = re.search(r'<ol class="hf-timeline">.*?</ol>', body, re.S).group(0)
    assert "Wirksam am 15.01.2024 · erfasst am 01.02.2024 00:30 · von Erika Muster" in timeline
    assert '<h3 class="kern-heading-small">Eingang</h3>' in timeline
