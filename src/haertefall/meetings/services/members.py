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
    PrescreenSeat,
    Seat,
)
from ..rules import LAENDER


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def commission_create(*, land: str, name: str, seats: int, prescreen_formed: bool = False,
                      actor) -> Commission:
    if land not in LAENDER:
        raise DomainError(f"Unbekanntes Land „{land}“.", field="land")
    if not name.strip():
        raise DomainError("Der Name der Kommission fehlt.", field="name")
    if not SEATS_MIN <= seats <= SEATS_MAX:
        raise DomainError(
            f"Die Kommission hat mindestens {SEATS_MIN} und höchstens {SEATS_MAX} Mitglieder "
            f"(§ 2 Abs. 1 HFKVO); angegeben: {seats}.", field="seats")
    with transaction.atomic():
        commission = Commission.objects.create(land=land, name=name.strip(), seats=seats,
                                               prescreen_formed=prescreen_formed)
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


def prescreen_seat_set(*, commission: Commission, number: int, member, deputy=None, actor,
                       on: date | None = None) -> PrescreenSeat:
    """Name who holds a place on the pre-screening committee (§ 3 Abs. 3 HFKVO).

    Place 1 is the chair (the head of the office); places 2 and 3 are commission members.
    Each deputy is a member of the commission, too.
    """
    from django.utils import timezone

    on = on or timezone.localdate()
    if number not in (1, 2, 3):
        raise DomainError("Der Vorprüfungsausschuss hat drei Plätze: 1 (Vorsitz), 2 und 3.", field="number")
    if number == 1 and not may_chair(member):
        raise DomainError("Platz 1 im Vorprüfungsausschuss hat der Vorsitz, die Leitung der "
                          "Geschäftsstelle.", field="member")
    current = set(Membership.objects.filter(seat__commission=commission, term_start__lte=on,
                                            term_end__gte=on).values_list("user_id", flat=True))
    for label, user in (("Mitglied", member), ("Stellvertretung", deputy)):
        if user is None or (number == 1 and label == "Mitglied"):
            continue
        if user.pk not in current:
            raise DomainError(f"{user} ist am {_fmt(on)} nicht Mitglied der Kommission und kann nicht "
                              f"{label} im Vorprüfungsausschuss sein.", field="member" if label == "Mitglied" else "deputy")
    if deputy is not None and deputy.pk == member.pk:
        raise DomainError("Mitglied und Stellvertretung müssen verschiedene Personen sein.", field="deputy")
    with transaction.atomic():
        locked = Commission.objects.select_for_update().get(pk=commission.pk)
        seat, _ = PrescreenSeat.objects.update_or_create(
            commission=locked, number=number, defaults={"member": member, "deputy": deputy})
        if not locked.prescreen_formed:
            locked.prescreen_formed = True
            locked.save(update_fields=["prescreen_formed"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=seat)
    return seat


def _place_label(number: int) -> str:
    return "Platz 1 (Vorsitz)" if number == 1 else f"Platz {number}"


def prescreen_committee_set(*, commission: Commission, places: dict, actor,
                            on: date | None = None) -> list[PrescreenSeat]:
    """Name the whole pre-screening committee at once (§ 3 Abs. 3 HFKVO).

    ``places`` maps 1, 2, 3 to ``(member, deputy_or_None)``. One transaction: if any place is
    refused, no place changes. Each person holds one place only, as member or as deputy.
    Field names of errors are ``place_<n>_member`` / ``place_<n>_deputy``.
    """
    if set(places) != {1, 2, 3}:
        raise DomainError("Der Vorprüfungsausschuss hat drei Plätze: 1 (Vorsitz), 2 und 3.")
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
                                                actor=actor, on=on))
            except DomainError as exc:
                raise DomainError(f"{_place_label(number)}: {exc.message}",
                                  field=f"place_{number}_{exc.field or 'member'}") from None
    return seats
