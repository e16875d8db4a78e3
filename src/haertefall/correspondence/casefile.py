"""The case page's view of the correspondence part (see ``cases.casefile``)."""

from django.urls import reverse

from .access import is_office, letters_visible_for


def step_links(*, case, user, keys) -> list[dict]:
    return []  # correspondence records no procedural step of its own


def sections(*, case, user) -> list[dict]:
    if not is_office(user):
        return []  # letters of a case are the office's work (correspondence.access)
    rows = [{"label": f"{letter.get_kind_display()} vom {letter.letter_date:%d.%m.%Y}",
             "url": reverse("correspondence:letter_download", args=[letter.pk, "pdf" if letter.pdf_id else "docx"]),
             "text": f"an {letter.recipient}"}
            for letter in letters_visible_for(user).filter(case=case).order_by("letter_date", "pk")
            .select_related(None).only("kind", "letter_date", "recipient", "pdf_id", "case_id")]
    return [{"id": "schreiben", "title": "Schreiben", "rows": rows,
             "links": [{"label": "Schreiben dieses Falls und neues Schreiben erzeugen",
                        "url": reverse("correspondence:case_letters", args=[case.pk])}],
             "empty_text": "Noch keine Schreiben."}]
