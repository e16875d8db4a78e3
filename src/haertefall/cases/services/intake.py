"""Receiving an application: file number, case, persons, first event."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from haertefall.accounts.access import may_be_assigned
from haertefall.core.errors import DomainError
from haertefall.core.text import name_key

from ..models import Case, FileNumberCounter, Person, PersonName, Relationship
from ..selectors import CASE_YEARS_CACHE_KEY
from ..states import Step
from .assignment import case_assign_at_intake
from .events import event_record
from .names import person_index_refresh

# ``case_receive``'s default case officer: the office user who records the application.
ACTOR = object()


@dataclass
class PersonInput:
    family_name: str
    given_names: str = ""
    birth_date: date | None = None
    nationality: object = None  # registers.Country
    relationship: str = Relationship.MAIN
    other_names: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, family, given)


def file_number_next(*, year: int) -> str:
    """Draw the next file number of the year. Must run inside a transaction."""
    counter, _ = FileNumberCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return settings.HAERTEFALL_FILE_NUMBER_FORMAT.format(year=year, seq=counter.last)


def person_search_text(person: Person, other_names=()) -> str:
    names = [f"{person.family_name} {person.given_names}"]
    names += [f"{n.family_name} {n.given_names}" for n in other_names]
    return " | ".join(name_key(n) for n in names)


def person_add(*, case: Case, actor, data: PersonInput, record_event: bool = True) -> Person:
    if not data.family_name.strip():
        raise DomainError("Der Familienname der Person fehlt.", field="family_name")
    if data.nationality is None:
        raise DomainError("Die Staatsangehörigkeit der Person fehlt.", field="nationality")
    if data.birth_date and data.birth_date > timezone.localdate():
        raise DomainError("Das Geburtsdatum liegt in der Zukunft.", field="birth_date")
    with transaction.atomic():
        # One main person per case (also a database constraint): the case row is locked so that
        # two simultaneous additions cannot both pass the check.
        Case.objects.select_for_update().only("pk").get(pk=case.pk)
        if (data.relationship == Relationship.MAIN
                and Person.objects.filter(case=case, relationship=Relationship.MAIN).exists()):
            raise DomainError("Der Fall hat schon eine Hauptperson; weitere Personen sind Angehörige.",
                              field="relationship")
        person = Person.objects.create(
            case=case, relationship=data.relationship, family_name=data.family_name.strip(),
            given_names=data.given_names.strip(), birth_date=data.birth_date, nationality=data.nationality,
        )
        others = [
            PersonName.objects.create(person=person, kind=kind, family_name=fam.strip(), given_names=giv.strip())
            for kind, fam, giv in data.other_names if fam.strip()
        ]
        person.search_text = person_search_text(person, others)
        person.save(update_fields=["search_text"])
        person_index_refresh(person=person, other_names=others)
        if record_event:
            # Added after intake: the case counts one more person.
            Case.objects.filter(pk=case.pk).update(persons_count=case.persons.count())
            event_record(case=case, actor=actor, event_type="person_added",
                         effective_on=timezone.localdate(), data={"person_id": person.pk})
    return person


def case_receive(
    *,
    actor,
    received_on: date,
    main_person: PersonInput,
    family: list[PersonInput] = (),
    submitter_name: str = "",
    submitter_kind: str = "other",
    submitter_contact: str = "",
    submitter_email: str = "",
    submitter_phone: str = "",
    submitter_form_of_address: str = "",
    authority=None,
    reason_categories: list[str] = (),
    reasons_text: str = "",
    prior_procedure: str = "",
    file_number: str | None = None,
    assigned_to=ACTOR,
) -> Case:
    """Record a new application as received on ``received_on`` (may lie in the past).

    ``assigned_to``: the case officer (decision 0117); by default the office user who records it,
    ``None`` leaves the case to be taken."""
    if received_on > timezone.localdate():
        raise DomainError("Das Eingangsdatum liegt in der Zukunft.", field="received_on")
    if main_person.nationality is None:
        raise DomainError("Die Staatsangehörigkeit der Hauptperson fehlt.", field="nationality")
    with transaction.atomic():
        number = file_number or file_number_next(year=received_on.year)
        if Case.objects.filter(file_number=number).exists():
            raise DomainError(f"Das Aktenzeichen {number} ist bereits vergeben.", field="file_number")
        case = Case.objects.create(
            file_number=number, year=received_on.year, received_on=received_on,
            submitter_name=submitter_name, submitter_kind=submitter_kind,
            submitter_contact=submitter_contact, submitter_email=submitter_email,
            submitter_phone=submitter_phone, submitter_form_of_address=submitter_form_of_address,
            authority=authority, country=main_person.nationality,
            persons_count=1 + len(family), reason_categories=list(reason_categories),
            reasons_text=reasons_text, prior_procedure=prior_procedure,
        )
        main_person.relationship = Relationship.MAIN
        person_add(case=case, actor=actor, data=main_person, record_event=False)
        for member in family:
            if member.relationship == Relationship.MAIN:
                member.relationship = Relationship.OTHER
            person_add(case=case, actor=actor, data=member, record_event=False)
        cache.delete(CASE_YEARS_CACHE_KEY)  # now and after commit (a reader may cache in between)
        transaction.on_commit(lambda: cache.delete(CASE_YEARS_CACHE_KEY))
        if assigned_to is ACTOR:
            assigned_to = actor if may_be_assigned(actor) else None
        case_assign_at_intake(case=case, assignee=assigned_to)
        event_record(case=case, actor=actor, event_type=Step.RECEIVE, step=Step.RECEIVE,
                     effective_on=received_on,
                     data={"submitter_kind": submitter_kind, "persons": case.persons_count}
                     | ({"assigned_to": str(assigned_to)} if assigned_to is not None else {}))
    return case
