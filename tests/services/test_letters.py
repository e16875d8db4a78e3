import io
from pathlib import Path

import pytest
from docx import Document as Docx

from haertefall.cases.models import Document
from haertefall.core.errors import DomainError
from haertefall.correspondence.models import LetterKind, LetterTemplate
from haertefall.correspondence.placeholders import KNOWN_PLACEHOLDERS
from haertefall.correspondence.rendering import DEFAULT_DIR, template_placeholders
from haertefall.correspondence.services import letter_generate, template_upload

from ..authorities_support import authority_user, case_taken_up, private_media  # noqa: F401
from ..factories import make_case


def _docx_with(*paragraphs: str) -> bytes:
    document = Docx()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("kind", LetterKind.values)
def test_every_kind_ships_a_default_template_with_known_placeholders(kind):
    path = DEFAULT_DIR / f"{kind}.docx"
    assert path.exists()
    used = template_placeholders(path.read_bytes())
    assert "aktenzeichen" in used
    assert used <= set(KNOWN_PLACEHOLDERS)


@pytest.mark.django_db
def test_acknowledgement_docx_and_pdf_filed_in_case(office_user):
    case = make_case(actor=office_user, family_name="Gashi", given_names="Liridona")

    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)

    docx_text = _text(letter.docx.file.read())
    assert case.file_number in docx_text
    assert "Liridona Gashi" in docx_text
    assert "{{" not in docx_text
    assert letter.pdf.file.read().startswith(b"%PDF")
    assert set(case.documents.values_list("doc_type", flat=True)) == {Document.Type.LETTER}
    assert case.documents.count() == 2
    assert letter.recipient == "Beratungsstelle Beispiel"
    assert "an Beratungsstelle Beispiel" in letter.docx.title
    event = case.events.get(event_type="letter_generated")
    assert event.data["kind"] == "acknowledgement"
    assert event.data["letter_id"] == letter.pk


@pytest.mark.django_db
def test_statement_request_letter_contains_deadline(office_user):
    from datetime import date

    from haertefall.authorities.services import statement_request

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    letter = letter_generate(case=case, kind=LetterKind.STATEMENT_REQUEST, actor=office_user)
    text = _text(letter.docx.file.read())
    assert "30.09.2025" in text
    assert "Stadt Köln" in text


@pytest.mark.django_db
def test_markup_in_names_stays_text(office_user):
    case = make_case(actor=office_user, family_name="O'Brien <b>&", given_names="Ann")
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    assert "O'Brien <b>&" in _text(letter.docx.file.read())
    assert letter.pdf.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_upload_with_unknown_placeholder_refused_in_german(office_user):
    data = _docx_with("Aktenzeichen {{ aktenzeichen }}", "Sehr geehrte/r {{ anrede }} {{ nachname }}")
    with pytest.raises(DomainError) as info:
        template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="Neu", data=data, actor=office_user)
    assert "unbekannte Platzhalter" in info.value.message
    assert "{{ anrede }}" in info.value.message and "{{ nachname }}" in info.value.message
    assert not LetterTemplate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), [
    (b"kein word", "kein Word-Dokument"),
    (_docx_with("{{ aktenzeichen "), "fehlerhaften Platzhalter"),
])
def test_upload_of_broken_file_refused(office_user, data, message):
    with pytest.raises(DomainError, match=message):
        template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="x", data=data, actor=office_user)


@pytest.mark.django_db
def test_uploaded_template_becomes_active_and_is_used(office_user):
    case = make_case(actor=office_user)
    first = template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="Fassung A",
                            data=_docx_with("A: {{ aktenzeichen }}"), actor=office_user)
    second = template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="Fassung B",
                             data=_docx_with("B: {{ aktenzeichen }} {{ datum }}"), actor=office_user)
    first.refresh_from_db()
    assert (first.active, second.active, second.version) == (False, True, 2)

    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    assert _text(letter.docx.file.read()).startswith(f"B: {case.file_number}")
    assert letter.template_version == 2


@pytest.mark.django_db
def test_authority_may_not_upload_templates():
    with pytest.raises(DomainError):
        template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="x", data=_docx_with("{{ aktenzeichen }}"),
                        actor=authority_user("stadt-koeln"))


def test_build_script_is_shipped():
    assert (Path(DEFAULT_DIR) / "build.py").exists()


def test_multiline_values_keep_line_breaks_and_stay_text():
    from haertefall.correspondence.rendering import (
        default_template_path,
        docx_paragraphs,
        render_docx,
    )

    docx = render_docx(default_template_path("hardship_request").read_bytes(),
                       {"aktenzeichen": "HFK-1", "behoerde_anschrift": "Platz 3 <&>\n50679 Köln"})
    assert "Platz 3 <&>\n50679 Köln" in [text for _style, text in docx_paragraphs(docx)]
