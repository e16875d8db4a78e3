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
