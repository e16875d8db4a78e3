"""The placeholders a letter template may use, and the context that fills them.

Templates are DOCX files with Jinja placeholders (``{{ aktenzeichen }}``); an uploaded template
may only use the names listed here, so a typo is caught at upload and not in a letter. The
templates page lists each with what it holds and an example value.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings


@dataclass(frozen=True)
class Placeholder:
    description: str
    example: str


KNOWN_PLACEHOLDERS: dict[str, Placeholder] = {
    # the letter's frame (DIN 5008): letterhead, address field, information block
    "briefkopf_name": Placeholder("Absender im Briefkopf (Einstellung „Briefkopf“)",
                                  "Geschäftsstelle der Härtefallkommission Nordrhein-Westfalen"),
    "briefkopf_zusatz": Placeholder("Zusatz unter dem Absender", "beim Ministerium für Kinder, Jugend, Familie, …"),
    "briefkopf_anschrift": Placeholder("Anschrift der Geschäftsstelle", "Haroldstraße 4\n40213 Düsseldorf"),
    "briefkopf_kontakt": Placeholder("Telefon und E-Mail, darunter Internet der Geschäftsstelle",
                                     "Telefon 0211 837-0 · hfk@example.org\nwww.example.org"),
    "fusszeile": Placeholder("Fußzeile auf Seite 1", "Sprechzeiten: Mo–Do 9–12 Uhr"),
    "logo": Placeholder("Logo aus dem Briefkopf (Bild), sonst leer", "[Bild]"),
    "ruecksendeangabe": Placeholder("Kleine Absenderzeile über dem Anschriftfeld",
                                    "Härtefallkommission NRW · Haroldstraße 4 · 40213 Düsseldorf"),
    "empfaenger": Placeholder("Name der Empfängerin / des Empfängers", "Rechtsanwältin Dr. Sabine Meier"),
    "empfaenger_anschrift": Placeholder("Name und Anschrift für das Anschriftfeld",
                                        "Rechtsanwältin Dr. Sabine Meier\nBerliner Allee 12\n40212 Düsseldorf"),
    "anrede": Placeholder("Anrede, passend zur Empfängerin / zum Empfänger", "Sehr geehrte Frau Dr. Meier,"),
    "ansprechperson": Placeholder("Ansprechperson in der Geschäftsstelle", "Anna Schmitz"),
    "telefon": Placeholder("Telefon der Ansprechperson", "0211 837-2345"),
    "email_kontakt": Placeholder("E-Mail der Ansprechperson", "hfk@example.org"),
    "datum": Placeholder("Datum des Schreibens", "05.12.2026"),
    "ergaenzender_text": Placeholder("Ergänzender Absatz aus dem Entwurf (Gründe oder Hinweise für dieses "
                                     "Schreiben), sonst leer", "Bitte reichen Sie den Pass nach."),
    # the case
    "aktenzeichen": Placeholder("Aktenzeichen des Falls", "HFK-2026-0042"),
    "personen": Placeholder("Alle Personen des Antrags, je Zeile: Familienname, Vornamen, Geburtsdatum, "
                            "Staatsangehörigkeit",
                            "Krasniqi, Arben, geboren am 12.03.1985, Staatsangehörigkeit: Kosovo"),
    "name": Placeholder("Name der Hauptperson (Vornamen Familienname)", "Arben Krasniqi"),
    "anzahl_personen": Placeholder("Anzahl der betroffenen Personen", "3"),
    "eingangsdatum": Placeholder("Eingangsdatum des Antrags", "02.09.2026"),
    "einreicher": Placeholder("Name der Einreicherin / des Einreichers", "Rechtsanwältin Dr. Sabine Meier"),
    "einreicher_anschrift": Placeholder("Postanschrift der Einreicherin / des Einreichers",
                                        "Berliner Allee 12\n40212 Düsseldorf"),
    "behoerde": Placeholder("Name der zuständigen Ausländerbehörde", "Stadt Essen"),
    "behoerde_anschrift": Placeholder("Anschrift der Ausländerbehörde", "Schederhofstraße 55\n45145 Essen"),
    "frist": Placeholder("Frist für die Stellungnahme (aktuell)", "02.11.2026"),
    "angefordert_am": Placeholder("Datum der Anforderung der Stellungnahme", "05.10.2026"),
    "versandt_am": Placeholder("Versanddatum des Härtefallersuchens", "20.11.2026"),
    "ergebnis": Placeholder("Ergebnis der Entscheidung der Ausländerbehörde", "Aufenthaltserlaubnis erteilt"),
    "entschieden_am": Placeholder("Datum der Entscheidung der Ausländerbehörde", "01.12.2026"),
    "beabsichtigte_entscheidung": Placeholder("Beabsichtigte Entscheidung der Ausländerbehörde",
                                              "Dem Ersuchen soll gefolgt werden."),
    "gruende": Placeholder("Gründe der Ausländerbehörde, wenn sie dem Ersuchen nicht folgen will",
                           "Der Lebensunterhalt ist nicht gesichert."),
    "zurueckgenommen_am": Placeholder("Datum der Sitzung, in der die Kommission ihr Ersuchen zurückgenommen hat",
                                      "03.12.2026"),
    "erwartungen": Placeholder("Erwartungen, mit denen die Kommission ihr Ersuchen verknüpft hat "
                               "(Bericht, Kap. 5); leer, wenn es keine gibt (der Absatz entfällt dann)",
                               "Vorlage eines gültigen Passes; Sicherung des Lebensunterhalts"),
    "empfehlung": Placeholder("Empfehlung der Kommission zur Anwendung des geltenden Ausländerrechts "
                              "(§ 6 Abs. 3 Satz 4 HFKVO)", "Prüfung einer Beschäftigungsduldung nach § 60d AufenthG"),
    "empfehlung_hinweis": Placeholder("Satz für die Einreicherin / den Einreicher, dass die Kommission der "
                                      "Ausländerbehörde eine Empfehlung gegeben hat (ohne deren Text), sonst leer",
                                      "Die Härtefallkommission hat der zuständigen Ausländerbehörde eine "
                                      "Empfehlung … gegeben."),
    "beschlossen_am": Placeholder("Datum des letzten Beschlusses der Kommission oder des Vorprüfungsausschusses",
                                  "18.11.2026"),
    "ausschluss_festgestellt_am": Placeholder("Datum, an dem der zwingende Ausschlussgrund festgestellt wurde",
                                              "15.09.2026"),
    "ausschlussgruende": Placeholder("Zwingende Ausschlussgründe (§ 5 Abs. 1 HFKVO), mit Norm",
                                     "Keine Ausreisepflicht (§ 5 Abs. 1 Nr. 1 HFKVO)"),
    "geschaeftsstelle": Placeholder("Name der Geschäftsstelle",
                                    "Geschäftsstelle der Härtefallkommission Nordrhein-Westfalen"),
    "ministerium": Placeholder("Name des zuständigen Ministeriums",
                               "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration NRW"),
}

AUTHORITY_SALUTATION = "Sehr geehrte Damen und Herren,"
_TITLE = re.compile(r"^(Prof\.|Dr\.|Dr\.-Ing\.|Dipl\.-\w+\.?)$")


def _fmt(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def salutation_for(form_of_address: str, name: str) -> str:
    """DIN 5008's salutation: "Sehr geehrte Frau Dr. Meier," for a named person (titles kept,
    given names and professions dropped), otherwise "Sehr geehrte Damen und Herren,"."""
    words = name.split()
    if form_of_address not in ("Frau", "Herr") or not words:
        return AUTHORITY_SALUTATION
    titles = [word for word in words[:-1] if _TITLE.match(word)]
    greeting = "Sehr geehrte Frau" if form_of_address == "Frau" else "Sehr geehrter Herr"
    return " ".join([greeting, *titles, words[-1]]) + ","


def person_line(person) -> str:
    parts = [f"{person.family_name}, {person.given_names}".strip(", ")]
    if person.birth_date:
        parts.append(f"geboren am {person.birth_date:%d.%m.%Y}")
    if person.nationality_id:
        parts.append(f"Staatsangehörigkeit: {person.nationality.name}")
    return ", ".join(parts)


def persons_text(case) -> str:
    """Every person of the application, the main person first (issue 15)."""
    persons = sorted(case.persons.select_related("nationality"), key=lambda p: (not p.is_main, p.pk))
    return "\n".join(person_line(person) for person in persons)


def letter_context(*, case, letter_date: date) -> dict[str, str]:
    """Every case placeholder's value; an unknown value is an empty string. The frame (letterhead,
    recipient, salutation, contact person) comes from ``frame_context``."""
    main = case.main_person
    statement = case.statement_requests.order_by("-requested_on", "-id").first()
    hardship = case.hardship_requests.order_by("-sent_on", "-id").first()
    intended = hardship.intended_decision if hardship else None
    outcome = getattr(hardship, "outcome", None) if hardship else None
    authority = case.authority
    return {
        "aktenzeichen": case.file_number,
        "personen": persons_text(case),
        "name": f"{main.given_names} {main.family_name}".strip() if main else "",
        "anzahl_personen": str(case.persons_count),
        "eingangsdatum": _fmt(case.received_on),
        "einreicher": case.submitter_name,
        "einreicher_anschrift": case.submitter_contact,
        "behoerde": authority.name if authority else "",
        "behoerde_anschrift": authority.address if authority else "",
        "datum": _fmt(letter_date),
        "frist": _fmt(statement.current_due) if statement else "",
        "angefordert_am": _fmt(statement.requested_on) if statement else "",
        "versandt_am": _fmt(hardship.sent_on) if hardship else "",
        "ergebnis": outcome.get_kind_display() if outcome else "",
        "entschieden_am": _fmt(outcome.decided_on) if outcome else "",
        "beabsichtigte_entscheidung": (
            ("Dem Ersuchen soll gefolgt werden." if intended.follow
             else "Dem Ersuchen soll nicht gefolgt werden.") if intended else ""
        ),
        "gruende": intended.reasons if intended else "",
        "zurueckgenommen_am": _fmt(_revoked_on(case)),
        **_decision_context(case),
        "geschaeftsstelle": settings.HAERTEFALL_OFFICE_NAME,
        "ministerium": settings.HAERTEFALL_MINISTRY_NAME,
    }


def frame_context(*, letter, letterhead) -> dict[str, str]:
    """Letterhead, address field, information block and the draft's own text."""
    lines = [line.strip() for line in letterhead.address.splitlines() if line.strip()]
    contact = "\n".join(part for part in (
        " · ".join(part for part in (f"Telefon {letterhead.phone}" if letterhead.phone else "", letterhead.email)
                   if part),
        letterhead.website) if part)
    return_line = letterhead.return_line or " · ".join([letterhead.name, *lines])
    address = "\n".join(line for line in [letter.recipient, *letter.recipient_address.splitlines()] if line.strip())
    return {
        "briefkopf_name": letterhead.name,
        "briefkopf_zusatz": letterhead.addition,
        "briefkopf_anschrift": "\n".join(lines),
        "briefkopf_kontakt": contact,
        "fusszeile": letterhead.footer,
        "ruecksendeangabe": return_line,
        "empfaenger": letter.recipient,
        "empfaenger_anschrift": address,
        "anrede": letter.salutation,
        "ansprechperson": letter.contact_name,
        "telefon": letter.contact_phone,
        "email_kontakt": letter.contact_email,
        "ergaenzender_text": letter.additional_text.strip(),
    }


def _latest_event(case, steps):
    return case.events.filter(step__in=steps).order_by("-sequence").only("step", "effective_on", "data").first()


def _decision_context(case) -> dict[str, str]:
    """What the commission decided, as far as it leaves the commission: the expectations attached
    to a request (they are part of it, report ch. 5), a recommendation (meant for the authority,
    § 6 Abs. 3 Satz 4 HFKVO) and the dates. The reasons never: they stay in the minutes
    (§ 6 Abs. 2 Satz 5 HFKVO)."""
    from haertefall.cases.states import Step
    from haertefall.registers.models import ExclusionGround

    request = _latest_event(case, [Step.DECIDE_REQUEST])
    no_request = _latest_event(case, [Step.DECIDE_NO_REQUEST])
    decided = _latest_event(case, [Step.PRESCREEN_REJECT, Step.COMMISSION_NO_TAKE_UP, Step.DECIDE_REQUEST,
                                   Step.DECIDE_NO_REQUEST])
    excluded = _latest_event(case, [Step.CHECK_EXCLUDE, Step.EXCLUDE_LATER])
    recommendation = (no_request.data.get("recommendation") or "").strip() if no_request else ""
    grounds = ""
    if excluded:
        rows = (ExclusionGround.objects.filter(catalogue__key=excluded.data.get("catalogue"),
                                               code__in=excluded.data.get("mandatory") or [])
                .order_by("code").values_list("label", "paragraph"))
        grounds = "\n".join(f"{label} ({paragraph})" for label, paragraph in rows)
    return {
        "erwartungen": (request.data.get("expectations") or "").strip() if request else "",
        "empfehlung": recommendation,
        "empfehlung_hinweis": (
            "Die Härtefallkommission hat der zuständigen Ausländerbehörde eine Empfehlung zur Anwendung "
            "des geltenden Ausländerrechts gegeben (§ 6 Abs. 3 Satz 4 HFKVO)." if recommendation else ""),
        "beschlossen_am": _fmt(decided.effective_on) if decided else "",
        "ausschluss_festgestellt_am": _fmt(excluded.effective_on) if excluded else "",
        "ausschlussgruende": grounds,
    }


def _revoked_on(case) -> date | None:
    from haertefall.cases.states import Step

    return (case.events.filter(step=Step.REVOKE_REQUEST).order_by("-sequence")
            .values_list("effective_on", flat=True).first())
