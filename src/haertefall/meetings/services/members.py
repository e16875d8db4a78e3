"""The commission's composition: seats, members and deputies per term, pre-screening committee."""

from datetime import date, timedelta

from django.db import transaction

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from ..access import may_chair, may_deputise_chair, may_hold_member_seat
from ..models import (
    SEATS_MAX,
    SEATS_MIN,
    Commission,
    Membership,
    NominatingBody,
    PrescreenNomination,
    PrescreenSeat,
    Seat,
)
from ..rules import LAENDER


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def commission_create(*, land: str, name: str, seats: int, actor) -> Commission:
    """Whether the commission has a pre-screening committee is rule data with a validity
    period (``PrescreenCommitteeConfig``, § 3 Abs. 3 HFKVO), not a property set here."""
    if land not in LAENDER:
        raise DomainError(f"Unbekanntes Land „{land}“.", field="land")
    if not name.strip():
        raise DomainError("Der Name der Kommission fehlt.", field="name")
    if not SEATS_MIN <= seats <= SEATS_MAX:
        raise DomainError(
            f"Die Kommission hat mindestens {SEATS_MIN} und höchstens {SEATS_MAX} Mitglieder "
            f"(§ 2 Abs. 1 HFKVO); angegeben: {seats}.", field="seats")
    with transaction.atomic():
        commission = Commission.objects.create(land=land, name=name.strip(), seats=seats)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=commission)
    return commission


def seat_create(*, commission: Commission, number: int, nominating_body: str, actor) -> Seat:
    if nominating_body not in NominatingBody.values:
        raise DomainError("Bitte wählen Sie die vorschlagende Stelle.", field="nominating_body")
    with transaction.atomic():
        locked = Commission.objects.select_for_update().get(pk=commission.pk)
        if not 1 <= number <= locked.seats:
            raise DomainError(f"Die Sitznummer muss zwischen 1 und {locked.seats} liegen.", field="number")
        if locked.seat_set.filter(number=number).exists():
            raise DomainError(f"Sitz {number} gibt es bereits.", field="number")
        if (nominating_body == NominatingBody.CHAIR
                and locked.seat_set.filter(nominating_body=NominatingBody.CHAIR).exists()):
            raise DomainError("Es gibt nur einen Vorsitz.", field="nominating_body")
        seat = Seat.objects.create(commission=locked, number=number, nominating_body=nominating_body)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=seat)
    return seat


def default_term_end(term_start: date) -> date:
    """Two years, the usual term (§ 2 Abs. 1 Satz 3 HFKVO): 1.1.2025 → 31.12.2026."""
    try:
        return term_start.replace(year=term_start.year + 2) - timedelta(days=1)
    except ValueError:  # 29 February
        return term_start.replace(year=term_start.year + 2, day=28) - timedelta(days=1)


def membership_add(*, seat: Seat, user, kind: str, term_start: date, term_end: date | None = None,
                   actor) -> Membership:
    """Appoint a member or deputy to a seat for a term; a re-appointment is a new term."""
    if kind not in Membership.Kind.values:
        raise DomainError("Bitte wählen Sie Mitglied oder Stellvertretung.", field="kind")
    term_end = term_end or default_term_end(term_start)
    if term_end < term_start:
        raise DomainError(f"Das Ende der Berufung ({_fmt(term_end)}) liegt vor ihrem Beginn "
                          f"({_fmt(term_start)}).", field="term_end")
    if seat.nominating_body == NominatingBody.CHAIR:
        if kind == Membership.Kind.MEMBER and not may_chair(user):
            raise DomainError("Den Vorsitz hat die Leitung der Geschäftsstelle (§ 3 Abs. 1 HFKVO).",
                              field="user")
        if kind == Membership.Kind.DEPUTY and not may_deputise_chair(user):
            raise DomainError("Die Stellvertretung im Vorsitz kommt aus der Geschäftsstelle "
                              "(§ 3 Abs. 1 Satz 3 HFKVO).", field="user")
    elif not may_hold_member_seat(user):
        raise DomainError(f"{user} hat nicht die Rolle „Kommissionsmitglied / Stellvertretung“.",
                          field="user")
    with transaction.atomic():
        locked = Seat.objects.select_for_update().get(pk=seat.pk)
        overlapping = locked.memberships.filter(kind=kind, term_start__lte=term_end, term_end__gte=term_start)
        if overlapping.exists():
            other = overlapping.first()
            raise DomainError(
                f"{locked} hat vom {_fmt(other.term_start)} bis {_fmt(other.term_end)} bereits "
                f"eine {Membership.Kind(kind).label}: {other.user}.", field="term_start")
        if Membership.objects.filter(seat__commission=locked.commission, user=user, term_start__lte=term_end,
                                     term_end__gte=term_start).exclude(seat=locked).exists():
            raise DomainError(f"{user} hat in dieser Zeit bereits einen anderen Sitz.", field="user")
        membership = Membership.objects.create(seat=locked, user=user, kind=kind, term_start=term_start,
                                               term_end=term_end)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=membership)
    return membership


def _check_nomination(*, commission: Commission, number: int, member, deputy, on: date) -> None:
    """§ 3 Abs. 3 HFKVO: place 1 is the chair; places 2 and 3 are commission members; every
    place has a deputy from the commission. Errors name the field (``member`` / ``deputy``)."""
    if number not in (1, 2, 3):
        raise DomainError("Der Vorprüfungsausschuss hat drei Plätze: 1 (Vorsitz), 2 und 3.", field="number")
    if member is None:
        raise DomainError("Bitte wählen Sie das Mitglied.", field="member")
    if number == 1 and not may_chair(member):
        raise DomainError("Platz 1 im Vorprüfungsausschuss hat der Vorsitz, die Leitung der "
                          "Geschäftsstelle.", field="member")
    if deputy is None:
        raise DomainError("Für jedes Mitglied des Vorprüfungsausschusses wird eine Stellvertretung aus der "
                          "Kommission benannt (§ 3 Abs. 3 Satz 2 HFKVO); bitte wählen Sie sie.", field="deputy")
    current = set(Membership.objects.filter(seat__commission=commission, term_start__lte=on,
                                            term_end__gte=on).values_list("user_id", flat=True))
    for label, user in (("Mitglied", member), ("Stellvertretung", deputy)):
        if number == 1 and label == "Mitglied":
            continue
        if user.pk not in current:
            raise DomainError(f"{user} ist am {_fmt(on)} nicht Mitglied der Kommission und kann nicht "
                              f"{label} im Vorprüfungsausschuss sein.",
                              field="member" if label == "Mitglied" else "deputy")
    if deputy.pk == member.pk:
        raise DomainError("Mitglied und Stellvertretung müssen verschiedene Personen sein.", field="deputy")


def _check_decision(*, commission: Commission, decided_on: date, meeting) -> None:
    """The commission's decision naming the committee: a date not in the future, while a
    committee is formed (rule data), and, if given, a commission session on that day."""
    from django.utils import timezone

    from ..rule_config import committee_formed

    if decided_on is None:
        raise DomainError("Bitte geben Sie das Datum des Beschlusses der Kommission an (§ 3 Abs. 3 HFKVO).",
                          field="decided_on")
    if decided_on > timezone.localdate():
        raise DomainError(f"Der Beschluss vom {_fmt(decided_on)} liegt in der Zukunft; erfasst wird ein gefasster "
                          "Beschluss.", field="decided_on")
    if not committee_formed(land=commission.land, on=decided_on):
        raise DomainError(f"Am {_fmt(decided_on)} besteht kein Vorprüfungsausschuss (§ 3 Abs. 3 HFKVO: die "
                          "Kommission kann einen bilden).", field="decided_on")
    if meeting is not None:
        if meeting.is_prescreen or meeting.is_cancelled or meeting.date != decided_on:
            raise DomainError("Die Sitzung muss eine stattgefundene Sitzung der Kommission am Tag des Beschlusses "
                              "sein.", field="meeting")


def prescreen_seat_set(*, commission: Commission, number: int, member, deputy=None, actor,
                       decided_on: date, meeting=None) -> PrescreenSeat:
    """Record the commission's decision naming who holds a place on the pre-screening committee,
    and the deputy (§ 3 Abs. 3 HFKVO). The decision is a history row (``PrescreenNomination``);
    ``PrescreenSeat`` holds who sits there from then on.
    """
    _check_decision(commission=commission, decided_on=decided_on, meeting=meeting)
    _check_nomination(commission=commission, number=number, member=member, deputy=deputy, on=decided_on)
    with transaction.atomic():
        locked = Commission.objects.select_for_update().get(pk=commission.pk)
        seat, _ = PrescreenSeat.objects.update_or_create(
            commission=locked, number=number, defaults={"member": member, "deputy": deputy})
        PrescreenNomination.objects.create(commission=locked, number=number, member=member, deputy=deputy,
                                           decided_on=decided_on, meeting=meeting, recorded_by=actor)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=seat,
                  detail=f"Benannt durch Beschluss der Kommission vom {_fmt(decided_on)}")
    return seat


def _place_label(number: int) -> str:
    return "Platz 1 (Vorsitz)" if number == 1 else f"Platz {number}"


def prescreen_committee_set(*, commission: Commission, places: dict, actor, decided_on: date,
                            meeting=None) -> list[PrescreenSeat]:
    """Record the commission's decision naming the whole pre-screening committee (§ 3 Abs. 3 HFKVO).

    ``places`` maps 1, 2, 3 to ``(member, deputy)``. One transaction: if any place is refused,
    no place changes. Each person holds one place only, as member or as deputy. Places that
    stay as they are get no new history row. Field names of errors are ``place_<n>_member`` /
    ``place_<n>_deputy``, ``decided_on`` and ``meeting``.
    """
    if set(places) != {1, 2, 3}:
        raise DomainError("Der Vorprüfungsausschuss hat drei Plätze: 1 (Vorsitz), 2 und 3.")
    _check_decision(commission=commission, decided_on=decided_on, meeting=meeting)
    seen: dict[int, str] = {}
    for number in (1, 2, 3):
        member, deputy = places[number]
        if member is None:
            raise DomainError(f"{_place_label(number)}: Bitte wählen Sie das Mitglied.",
                              field=f"place_{number}_member")
        for kind, label, user in (("member", "Mitglied", member), ("deputy", "Stellvertretung", deputy)):
            if user is None:
                continue
            if user.pk in seen:
                raise DomainError(f"{_place_label(number)}: {user} ist bereits {seen[user.pk]}; im "
                                  "Vorprüfungsausschuss hat jede Person nur einen Platz.",
                                  field=f"place_{number}_{kind}")
            seen[user.pk] = f"{label} auf {_place_label(number)}"
    with transaction.atomic():
        locked = Commission.objects.select_for_update().get(pk=commission.pk)
        current = {p.number: p for p in locked.prescreen_seats.all()}
        seats = []
        for number in (1, 2, 3):
            member, deputy = places[number]
            existing = current.get(number)
            if (existing is not None and existing.member_id == member.pk
                    and existing.deputy_id == getattr(deputy, "pk", None)):
                seats.append(existing)
                continue
            try:
                seats.append(prescreen_seat_set(commission=locked, number=number, member=member, deputy=deputy,
                                                actor=actor, decided_on=decided_on, meeting=meeting))
            except DomainError as exc:
                if exc.field in ("decided_on", "meeting"):
                    raise
                raise DomainError(f"{_place_label(number)}: {exc.message}",
                                  field=f"place_{number}_{exc.field or 'member'}") from None
    return seats
