"""Letters (issue 15, docs/decisions/0110): drafts the office corrects, sent as PDF/A converted
from the DOCX by LibreOffice, DIN 5008 with letterhead, every person of the application."""

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as Docx

from haertefall.cases.models import Relationship
from haertefall.core.errors import DomainError
from haertefall.correspondence.models import Channel, Letter, LetterKind, LetterTemplate
from haertefall.correspondence.placeholders import KNOWN_PLACEHOLDERS, salutation_for
from haertefall.correspondence.rendering import DEFAULT_DIR, docx_paragraphs, template_placeholders
from haertefall.correspondence.services import (
    letter_discard,
    letter_docx,
    letter_draft_update,
    letter_generate,
    letter_preview_pdf,
    letter_send,
    letterhead_save,
    template_upload,
)

from ..authorities_support import authority_user, case_taken_up, private_media  # noqa: F401
from ..factories import make_case
from ..pdf_checks import pdf_archival_problems, pdf_page_pictures, pdf_text

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice fehlt (scripts/system-deps.sh installiert es)")


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


def _family_case(actor, **kwargs):
    from haertefall.cases.services.intake import PersonInput

    from ..factories import country

    kosovo = country("Kosovo")
    return make_case(
        actor=actor, family_name="Gashi", given_names="Liridona", birth_date=date(1988, 4, 2),
        family=[PersonInput(family_name="Gashi", given_names="Arben", birth_date=date(1985, 11, 30),
                            nationality=kosovo, relationship=Relationship.SPOUSE),
                PersonInput(family_name="Gashi", given_names="Elira", birth_date=date(2015, 6, 9),
                            nationality=country("Serbien"), relationship=Relationship.CHILD)],
        **kwargs)


def _send(letter, actor, channel=Channel.POST):
    return letter_send(letter=letter, actor=actor, dispatched_on=timezone.localdate(), channel=channel)


@pytest.mark.django_db
def test_a_letter_starts_as_a_draft_with_nothing_filed(office_user):
    case = make_case(actor=office_user, family_name="Gashi", given_names="Liridona")

    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)

    assert letter.status == Letter.Status.DRAFT
    assert (letter.docx, letter.pdf) == (None, None)
    assert not case.documents.exists()
    assert not case.events.filter(event_type="letter_sent").exists()
    text = "\n".join(text for _style, text in docx_paragraphs(letter_docx(letter)))
    assert case.file_number in text and "{{" not in text


@needs_soffice
@pytest.mark.django_db
def test_sending_files_pdf_a_and_docx_with_german_names_and_records_the_channel(office_user, tmp_path):
    case = _family_case(office_user, submitter_contact="Berliner Allee 12\n40212 Düsseldorf",
                        submitter_phone="0211 5566770", submitter_form_of_address="Frau")
    case.submitter_name = "Rechtsanwältin Dr. Sabine Meier"
    case.save(update_fields=["submitter_name"])
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    assert letter.salutation == "Sehr geehrte Frau Dr. Meier,"

    letter = _send(letter, office_user)

    assert letter.status == Letter.Status.SENT
    assert letter.channel == Channel.POST
    assert letter.pdf.title.endswith("(PDF)") and letter.docx.title.endswith("(Word/DOCX)")
    stem = f"Eingangsbestaetigung-{case.file_number}-{timezone.localdate():%Y-%m-%d}"
    assert (letter.pdf.original_name, letter.docx.original_name) == (f"{stem}.pdf", f"{stem}.docx")
    event = case.events.get(event_type="letter_sent")
    assert (event.data["kind"], event.data["channel"], event.data["letter_id"]) == ("acknowledgement", "post",
                                                                                    letter.pk)
    pdf = letter.pdf.file.read()
    assert pdf_archival_problems(pdf) == []
    text = pdf_text(pdf)
    # Every person of the application, with birth date and nationality.
    for line in ("Gashi, Liridona, geboren am 02.04.1988, Staatsangehörigkeit: Kosovo",
                 "Gashi, Arben, geboren am 30.11.1985, Staatsangehörigkeit: Kosovo",
                 "Gashi, Elira, geboren am 09.06.2015, Staatsangehörigkeit: Serbien"):
        assert line in text
    assert "Sehr geehrte Frau Dr. Meier," in text
    assert "Berliner Allee 12" in text and "40212 Düsseldorf" in text
    assert "0211 5566770" not in text  # the submitter's phone is no part of the address
    assert "Geschäftsstelle der Härtefallkommission" in text  # letterhead
    assert case.file_number in text and f"{timezone.localdate():%d.%m.%Y}" in text
    assert "acknowledgement" not in text
    # The PDF is the DOCX converted: same words in both.
    docx_text = " ".join(t for _s, t in docx_paragraphs(letter.docx.file.open("rb").read()))
    for words in ("Eingangsbestätigung Ihres Antrags", "Gashi, Elira, geboren am 09.06.2015", "§ 5 Abs. 1 HFKVO"):
        assert words in docx_text and words in text
    assert len(pdf_page_pictures(pdf, tmp_path)) == 1


@needs_soffice
@pytest.mark.django_db
def test_long_letter_has_page_numbers_from_page_two(office_user):
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    letter = letter_draft_update(letter=letter, actor=office_user,
                                 additional_text="Bitte reichen Sie folgende Unterlagen nach. " * 120)
    text = pdf_text(letter_preview_pdf(letter))
    assert "Seite 2 von 2" in text
    assert "Seite 1 von" not in text


@pytest.mark.django_db
def test_authority_letters_greet_ladies_and_gentlemen(office_user):
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.STATEMENT_REQUEST, actor=office_user)
    assert letter.salutation == "Sehr geehrte Damen und Herren,"
    assert letter.recipient == case.authority.name


@pytest.mark.django_db
def test_salutation_rules():
    assert salutation_for("Herr", "Rechtsanwalt Prof. Dr. Jan van Dijk") == "Sehr geehrter Herr Prof. Dr. Dijk,"
    assert salutation_for("Frau", "Ayşe Yılmaz") == "Sehr geehrte Frau Yılmaz,"
    assert salutation_for("", "Diakonie Düsseldorf") == "Sehr geehrte Damen und Herren,"


@needs_soffice
@pytest.mark.django_db
def test_corrected_draft_is_what_is_sent_and_a_sent_letter_never_changes(office_user):
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    letter = letter_draft_update(letter=letter, actor=office_user, recipient="Kanzlei Nord",
                                 recipient_address="Hafenweg 1\n48155 Münster",
                                 additional_text="Bitte reichen Sie eine Kopie des Passes nach.")
    letter = _send(letter, office_user)
    text = pdf_text(letter.pdf.file.read())
    assert "Kanzlei Nord" in text and "48155 Münster" in text
    assert "Bitte reichen Sie eine Kopie des Passes nach." in text
    with pytest.raises(DomainError, match="versandt und kann nicht mehr geändert werden"):
        letter_draft_update(letter=letter, actor=office_user, recipient="Andere")
    with pytest.raises(DomainError, match="versandt"):
        letter_discard(letter=letter, actor=office_user)
    assert Letter.objects.get(pk=letter.pk).recipient == "Kanzlei Nord"


@pytest.mark.django_db
def test_without_libreoffice_the_draft_stays_and_nothing_is_filed(office_user, settings):
    settings.HAERTEFALL_SOFFICE = "/nicht/vorhanden/soffice"
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    with pytest.raises(DomainError, match="LibreOffice ist auf dem Server nicht installiert"):
        _send(letter, office_user, channel=Channel.EMAIL)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT
    assert not case.documents.exists()
    assert not case.events.filter(event_type="letter_sent").exists()


@pytest.mark.django_db
def test_draft_is_invisible_to_the_authority(office_user):
    from haertefall.correspondence.access import letters_visible_for

    case = make_case(actor=office_user)
    letter_generate(case=case, kind=LetterKind.STATEMENT_REQUEST, actor=office_user)
    clerk = authority_user(case.authority.key)
    assert not letters_visible_for(clerk).filter(case=case).exists()
    assert letters_visible_for(office_user).filter(case=case).count() == 1


@needs_soffice
@pytest.mark.django_db
def test_letterhead_set_by_the_head_appears_in_letters(office_user, office_head):
    with pytest.raises(DomainError, match="Leitung der Geschäftsstelle"):
        letterhead_save(actor=office_user, data={"name": "X", "address": "Y"})
    svg = SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    with pytest.raises(DomainError):
        letterhead_save(actor=office_head, data={"name": "HFK Testland", "address": "Amtsweg 1\n12345 Amtsstadt"},
                        logo=svg)
    letterhead_save(actor=office_head, data={"name": "Härtefallkommission Testland", "addition": "Geschäftsstelle",
                                            "address": "Amtsweg 1\n12345 Amtsstadt", "phone": "0123 4567",
                                            "footer": "Sprechzeiten: Montag bis Donnerstag 9 bis 12 Uhr"},
                    logo=SimpleUploadedFile("logo.png", _png()))
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    text = pdf_text(letter_preview_pdf(letter))
    assert "Härtefallkommission Testland" in text and "Amtsweg 1" in text and "Telefon 0123 4567" in text
    assert "Sprechzeiten: Montag bis Donnerstag" in text
    assert "Härtefallkommission Testland · Amtsweg 1 · 12345 Amtsstadt" in text  # return line


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 40), (0, 80, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_statement_request_letter_contains_deadline(office_user):
    from haertefall.authorities.services import statement_request

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    letter = letter_generate(case=case, kind=LetterKind.STATEMENT_REQUEST, actor=office_user)
    text = "\n".join(t for _s, t in docx_paragraphs(letter_docx(letter)))
    assert "30.09.2025" in text
    assert "Stadt Köln" in text


@pytest.mark.django_db
def test_markup_in_names_stays_text(office_user):
    case = make_case(actor=office_user, family_name="O'Brien <b>&", given_names="Ann")
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    assert "O'Brien <b>&" in "\n".join(t for _s, t in docx_paragraphs(letter_docx(letter)))


@pytest.mark.django_db
def test_upload_with_unknown_placeholder_refused_in_german(office_user):
    data = _docx_with("Aktenzeichen {{ aktenzeichen }}", "Sehr geehrte/r {{ titel }} {{ nachname }}")
    with pytest.raises(DomainError) as info:
        template_upload(kind=LetterKind.ACKNOWLEDGEMENT, name="Neu", data=data, actor=office_user)
    assert "unbekannte Platzhalter" in info.value.message
    assert "{{ titel }}" in info.value.message and "{{ nachname }}" in info.value.message
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
    assert _text(letter_docx(letter)).startswith(f"B: {case.file_number}")
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
                       {"aktenzeichen": "HFK-1", "personen": "Krasniqi, Arben <&>\nKrasniqi, Ema"})
    assert "Krasniqi, Arben <&>\nKrasniqi, Ema" in [text for _style, text in docx_paragraphs(docx)]


@needs_soffice
@pytest.mark.django_db
def test_a_sent_letter_stays_in_the_file(office_user):
    from haertefall.cases.services.documents import document_remove

    case = make_case(actor=office_user)
    letter = _send(letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user), office_user,
                   channel=Channel.EMAIL)
    with pytest.raises(DomainError, match="bleibt als Nachweis in der Akte"):
        document_remove(document=letter.pdf, actor=office_user, reason="versehentlich")
    assert case.documents.current().count() == 2


@pytest.mark.parametrize("kind", ["hardship_request", "request_sent_notice"])
def test_expectations_paragraph_only_when_the_commission_attached_some(kind):
    """A request without expectations does not say "Erwartungen: keine"; with them it names them."""
    from haertefall.correspondence.rendering import default_template_path, render_docx

    template = default_template_path(kind).read_bytes()
    without = _text(render_docx(template, {"aktenzeichen": "HFK-1", "erwartungen": ""}))
    assert "Erwartungen" not in without
    assert "Mit freundlichen Grüßen" in without
    with_them = _text(render_docx(template, {"aktenzeichen": "HFK-1", "erwartungen": "Vorlage eines gültigen Passes"}))
    assert "Erwartungen" in with_them and "Vorlage eines gültigen Passes" in with_them
