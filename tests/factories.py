"""factory_boy factories and named users per role for every test module."""

from datetime import date, timedelta

import factory

from haertefall.accounts.models import Role, User
from haertefall.cases.services.intake import PersonInput, case_receive
from haertefall.registers.models import Authority, Country

PASSWORD = "Testpasswort-lang-genug-2024"


def country(name: str = "Türkei") -> Country:
    return Country.objects.get(name=name)


def authority(key: str | None = None) -> Authority:
    qs = Authority.objects.order_by("key")
    return qs.get(key=key) if key else qs.first()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Nutzer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    role = Role.OFFICE
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


def make_case(*, actor, received_on: date | None = None, family_name: str = "Krasniqi",
              given_names: str = "Arben", nationality: str = "Kosovo", authority_obj=None,
              birth_date: date | None = date(1985, 3, 1), **kwargs):
    return case_receive(
        actor=actor,
        received_on=received_on or date.today() - timedelta(days=60),
        main_person=PersonInput(family_name=family_name, given_names=given_names,
                                birth_date=birth_date, nationality=country(nationality)),
        authority=authority_obj or authority(),
        submitter_name="Beratungsstelle Beispiel",
        submitter_kind="counselling",
        **kwargs,
    )
