"""core.prepared: a statement compiled once gives what the queryset gives, for every value."""

import datetime

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.accounts.models import Role
from haertefall.accounts.sessions import SessionStore
from haertefall.cases.models import Case, CaseEvent, Person, PersonRepeat
from haertefall.cases.selectors import _repeats_of, case_event_list, case_events
from haertefall.core.prepared import PreparedQueryError, prepared
from haertefall.registers.models import ExclusionCatalogue
from haertefall.registers.selectors import catalogue_in_force
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


def _fields(obj, names):
    return {name: getattr(obj, name) for name in names}


@pytest.fixture
def two_cases(office_user):
    first = make_case(actor=office_user, family_name="Krasniqi")
    second = make_case(actor=office_user, family_name="Berisha")
    return first, second


def test_model_instances_with_select_related_equal_the_querysets(two_cases):
    query = prepared(lambda pk: Case.objects.filter(pk=pk).select_related("authority", "country"), int)
    names = [f.attname for f in Case._meta.concrete_fields]
    for case in two_cases:
        expected = Case.objects.select_related("authority", "country").get(pk=case.pk)
        [got] = query(case.pk)
        assert _fields(got, names) == _fields(expected, names)
        # Dates and datetimes come back as Python objects on every engine (Django's converters).
        assert isinstance(got.received_on, datetime.date)
        assert got.authority == expected.authority and got.authority.name == expected.authority.name
        with CaptureQueriesContext(connection) as queries:
            got.authority.name  # noqa: B018 - loaded with the case, no further query
        assert not queries.captured_queries
        assert got._state.db == "default" and not got._state.adding


def test_each_call_uses_its_own_values_and_an_unknown_id_gives_nothing(two_cases):
    query = prepared(lambda pk: Person.objects.filter(case_id=pk).order_by("pk"), int)
    first, second = two_cases
    assert [p.family_name for p in query(first.pk)] == ["Krasniqi"]
    assert [p.family_name for p in query(second.pk)] == ["Berisha"]
    assert query(10**9) == [] and query.first(10**9) is None


def test_values_list_flat_and_values(two_cases):
    first, _ = two_cases
    flat = prepared(lambda pk: Case.objects.filter(pk=pk).values_list("file_number", flat=True), int)
    tuples = prepared(lambda pk: Case.objects.filter(pk=pk).values_list("pk", "received_on"), int)
    dicts = prepared(lambda pk: Case.objects.filter(pk=pk).values("pk", "state"), int)
    assert flat(first.pk) == [first.file_number]
    assert tuples(first.pk) == list(Case.objects.filter(pk=first.pk).values_list("pk", "received_on"))
    assert dicts(first.pk) == [{"pk": first.pk, "state": first.state}]


def test_string_date_and_datetime_values(two_cases, office_user):
    first, _ = two_cases
    by_number = prepared(lambda number: Case.objects.filter(file_number=number).values_list("pk", flat=True), str)
    received = prepared(lambda on: Case.objects.filter(received_on__lte=on).order_by("pk").values_list("pk", flat=True),
                        datetime.date)
    assert by_number(first.file_number) == [first.pk]
    assert received(first.received_on) == list(Case.objects.filter(received_on__lte=first.received_on)
                                              .order_by("pk").values_list("pk", flat=True))
    assert received(datetime.date(1990, 1, 1)) == []

    recorded = prepared(lambda at: CaseEvent.objects.filter(recorded_at__lt=at).values_list("pk", flat=True),
                        datetime.datetime)
    assert recorded(timezone.now() - datetime.timedelta(days=1)) == []
    assert sorted(recorded(timezone.now() + datetime.timedelta(minutes=1))) == sorted(
        CaseEvent.objects.values_list("pk", flat=True))


def test_the_catalogue_in_force_follows_its_dates_with_the_same_date_in_two_places(db):
    """catalogue_in_force names the date twice (valid from, valid to): one marker each."""
    import datetime as dt

    from haertefall.core.errors import DomainError

    ExclusionCatalogue.objects.filter(land="XX").delete()
    old = ExclusionCatalogue.objects.create(key="xx-2001", land="XX", title="alt", valid_from=dt.date(2001, 1, 1),
                                            valid_to=dt.date(2009, 12, 31))
    new = ExclusionCatalogue.objects.create(key="xx-2010", land="XX", title="neu", valid_from=dt.date(2010, 1, 1))
    assert catalogue_in_force(on=dt.date(2005, 6, 1), land="XX") == old
    assert catalogue_in_force(on=dt.date(2010, 1, 1), land="XX") == new
    with pytest.raises(DomainError, match="kein Ausschlussgrund-Katalog"):
        catalogue_in_force(on=dt.date(2000, 1, 1), land="XX")


@pytest.mark.parametrize("lookup", ["startswith", "icontains", "iendswith", "exact"])
def test_text_turned_into_like_patterns_matches_as_the_queryset(office_user, lookup):
    """Search words become LIKE patterns: escaped, wrapped in %. The prepared statement repeats
    that for every value, so %, _ and backslash match only themselves, as in the queryset."""
    names = ["Krasniqi", "Kras_niqi", "Kras%niqi", "Kras\\niqi", "KRASNIQI", "Krasxniqi", "Ukrasniqi"]
    for name in names:
        case = make_case(actor=office_user, family_name="Krasniqi")
        Case.objects.filter(pk=case.pk).update(submitter_name=name)
    query = prepared(lambda text: Case.objects.filter(**{f"submitter_name__{lookup}": text})
                     .order_by("pk").values_list("submitter_name", flat=True), str)
    for text in ["Kras", "kras", "Kras_", "Kras%", "Kras\\", "s_n", "%", "_", "niqi", "", "Kras%niqi"]:
        expected = list(Case.objects.filter(**{f"submitter_name__{lookup}": text})
                        .order_by("pk").values_list("submitter_name", flat=True))
        assert query(text) == expected, (lookup, text)
    if lookup == "startswith":
        # The underscore is no wildcard: "Kras_" finds Kras_niqi, not Krasxniqi.
        assert query("Kras_") == ["Kras_niqi"]


def test_small_integer_columns_take_prepared_values(two_cases):
    """The receipt year is a small integer (PostgreSQL sends it typed): markers fit its range."""
    first, _ = two_cases
    by_year = prepared(lambda year: Case.objects.filter(year=year).order_by("pk").values_list("pk", flat=True), int)
    assert by_year(first.year) == list(Case.objects.filter(year=first.year).order_by("pk").values_list("pk", flat=True))
    assert first.pk in by_year(first.year) and by_year(1990) == []


def test_one_text_in_several_parameters_and_with_fixed_text_around_it(two_cases):
    """The case search's prefix range: the value as a LIKE prefix, as the lower bound and, with a
    fixed last character, as the upper bound (three parameters from one value)."""
    from haertefall.cases.selectors import prefix_q

    query = prepared(lambda prefix: Case.objects.filter(prefix_q("file_number", prefix))
                     .order_by("pk").values_list("pk", flat=True), str)
    first, second = two_cases
    assert query(first.file_number) == [first.pk]
    assert query(first.file_number[:4]) == list(Case.objects.filter(file_number__startswith=first.file_number[:4])
                                                .order_by("pk").values_list("pk", flat=True))
    assert query("ZZ") == []


@pytest.mark.parametrize("build, kinds, reason", [
    (lambda name: Case.objects.filter(submitter_name__icontains=name.upper()), (str,), "verändert"),
    (lambda name: Case.objects.filter(submitter_name=name[:12]), (str,), "erscheint nicht"),
    (lambda name: Case.objects.filter(submitter_name=name + name), (str,), "verändert"),
    # A branch on the value, and a constant that happens to equal the first marker: the second
    # compilation with other markers shows both.
    (lambda pk: Case.objects.filter(pk=pk) if pk > 30_000 else Case.objects.filter(pk=pk, year=1),
     (int,), "hängt von den Werten ab"),
    (lambda pk: Case.objects.filter(pk=pk) | Case.objects.filter(persons_count=32_749), (int,),
     "hängt von den Werten ab"),
    (lambda pk: Case.objects.filter(pk__in=[pk, 5]), (int,), None),
    (lambda pk: Case.objects.filter(pk=pk).prefetch_related("persons"), (int,), "prefetch_related"),
    (lambda pk: Case.objects.filter(pk=pk), (float,), "Parametertyp"),
])
def test_a_builder_whose_shape_depends_on_the_values_is_refused(two_cases, build, kinds, reason):
    query = prepared(build, *kinds)
    value = {str: "x", int: two_cases[0].pk, float: 1.5}[kinds[0]]
    if reason is None:
        # A list keeps its length, so this one can be prepared — and still answers correctly.
        assert [c.pk for c in query(value)] == [two_cases[0].pk]
        return
    with pytest.raises(PreparedQueryError, match=reason):
        query(value)


def test_a_related_manager_is_refused(two_cases):
    first, _ = two_cases
    with pytest.raises(PreparedQueryError, match="Related Manager"):
        prepared(lambda pk: first.persons.filter(pk=pk), int)(1)


def test_wrong_number_of_values_is_a_type_error():
    with pytest.raises(TypeError):
        prepared(lambda pk: Case.objects.filter(pk=pk), int)()


def test_the_case_page_events_equal_the_queryset(two_cases):
    first, _ = two_cases
    expected = list(case_events(first))
    got = case_event_list(first)
    assert [(e.pk, e.sequence, e.event_type, e.actor_id) for e in got] == [
        (e.pk, e.sequence, e.event_type, e.actor_id) for e in expected]
    assert all(e.case is first for e in got)
    assert got[0].actor.username == expected[0].actor.username


def test_repeat_rows_read_by_the_prepared_statement_equal_the_queryset(office_user):
    """_repeats_of names the case twice (persons of it, others not of it): one marker each."""
    first = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    again = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    got = prepared(_repeats_of, int, int)(again.pk, again.pk)
    assert got == list(_repeats_of(again.pk, again.pk))
    assert [row[3] for row in got] == [first.file_number]  # other__case__file_number
    assert PersonRepeat.objects.filter(person__case=again).exists()


class TestSessionUserAndDevice:
    """The request's session, user and second factor, each read by a prepared statement, keep
    the rules of django.contrib.sessions, auth and django_otp."""

    def _session(self, user, device=None, **extra):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "haertefall.accounts.backends.UserBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if device is not None:
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        for key, value in extra.items():
            store[key] = value
        store.create()
        return store.session_key

    def _get(self, client, key):
        from django.conf import settings

        client.cookies[settings.SESSION_COOKIE_NAME] = key
        return client.get("/faelle/")

    def test_a_verified_session_reaches_the_case_list(self, client, settings):
        settings.HAERTEFALL_REQUIRE_2FA = True
        user = UserFactory(role=Role.OFFICE)
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        assert self._get(client, self._session(user, device)).status_code == 200

    def test_an_expired_session_is_no_session(self, client):
        from django.contrib.sessions.models import Session

        user = UserFactory(role=Role.OFFICE)
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        key = self._session(user, device)
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        response = self._get(client, key)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))

    def test_an_inactive_user_is_logged_out(self, client):
        user = UserFactory(role=Role.OFFICE)
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        key = self._session(user, device)
        user.is_active = False
        user.save()
        response = self._get(client, key)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))

    def test_an_unconfirmed_or_foreign_device_does_not_verify(self, client, settings):
        settings.HAERTEFALL_REQUIRE_2FA = True
        user = UserFactory(role=Role.OFFICE)
        other = UserFactory(role=Role.OFFICE)
        unconfirmed = TOTPDevice.objects.create(user=user, name="t", confirmed=False)
        foreign = TOTPDevice.objects.create(user=other, name="t", confirmed=True)
        for device in (unconfirmed, foreign):
            response = self._get(client, self._session(user, device))
            # Not verified: sent to set up a second factor (the user has no confirmed device).
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:enrol"))
