"""The placeholders a letter template may use, and the context that fills them.

Templates are DOCX files with Jinja placeholders (``{{ aktenzeichen }}``); an uploaded template
may only use the names listed here, so a typo is caught at upload and not in a letter.
"""

from datetime import date

from django.conf import settings

# name -> what it holds (shown on the templates page)
KNOWN_PLACEHOLDERS: dict[str, str] = {
    "aktenzeichen": "Aktenzeichen des Falls",
    "name": "Name der Hauptperson (Vornamen Familienname)",
    "anzahl_personen": "Anzahl der betroffenen Personen",
    "eingangsdatum": "Eingangsdatum des Antrags",
    "einreicher": "Name der Einreicherin / des Einreichers",
    "einreicher_anschrift": "Anschrift / Kontakt der Einreicherin / des Einreichers",
    "behoerde": "Name der zuständigen Ausländerbehörde",
    "behoerde_anschrift": "Anschrift der Ausländerbehörde",
    "datum": "Datum des Schreibens",
    "frist": "Frist für die Stellungnahme (aktuell)",
    "angefordert_am": "Datum der Anforderung der Stellungnahme",
    "versandt_am": "Versanddatum des Härtefallersuchens",
    "ergebnis": "Ergebnis der Entscheidung der Ausländerbehörde",
    "entschieden_am": "Datum der Entscheidung der Ausländerbehörde",
    "beabsichtigte_entscheidung": "Beabsichtigte Entscheidung der Ausländerbehörde",
    "gruende": "Gründe der Ausländerbehörde, wenn sie dem Ersuchen nicht folgen will",
    "zurueckgenommen_am": "Datum der Sitzung, in der die Kommission ihr Ersuchen zurückgenommen hat",
    "erwartungen": "Erwartungen, mit denen die Kommission ihr Ersuchen verknüpft hat (Bericht, Kap. 5), sonst „keine“",
    "empfehlung": "Empfehlung der Kommission zur Anwendung des geltenden Ausländerrechts (§ 6 Abs. 3 Satz 4 HFKVO)",
    "empfehlung_hinweis": "Satz für die Einreicherin / den Einreicher, dass die Kommission der Ausländerbehörde "
                          "eine Empfehlung gegeben hat (ohne deren Text), sonst leer",
    "beschlossen_am": "Datum des letzten Beschlusses der Kommission oder des Vorprüfungsausschusses",
    "ausschluss_festgestellt_am": "Datum, an dem der zwingende Ausschlussgrund festgestellt wurde",
    "ausschlussgruende": "Zwingende Ausschlussgründe (§ 5 Abs. 1 HFKVO), mit Norm",
    "geschaeftsstelle": "Name der Geschäftsstelle",
    "ministerium": "Name des zuständigen Ministeriums",
}


def _fmt(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def letter_context(*, case, letter_date: date) -> dict[str, str]:
    """Every placeholder's value for one case; an unknown value is an empty string."""
    main = case.main_person
    statement = case.statement_requests.order_by("-requested_on", "-id").first()
    hardship = case.hardship_requests.order_by("-sent_on", "-id").first()
    intended = hardship.intended_decision if hardship else None
    outcome = getattr(hardship, "outcome", None) if hardship else None
    authority = case.authority
    return {
        "aktenzeichen": case.file_number,
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
        "erwartungen": ((request.data.get("expectations") or "").strip() if request else "") or "keine",
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
