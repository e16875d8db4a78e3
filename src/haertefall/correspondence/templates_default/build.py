"""Write the shipped default letter templates (DOCX) into this folder.

Run after changing a text or the layout: ``python src/haertefall/correspondence/templates_default/build.py``.
The .docx files are committed; the office replaces them by uploading an edited copy.

Layout: DIN 5008, Form B (docs/decisions/0110). Page 1: the letterhead in the first-page header,
the address field for a window envelope (85 mm wide, 45 mm high, from 45 mm below the top edge)
beside the information block (from 125 mm from the left edge), subject, salutation, body,
closing; the first-page footer carries the office's footer line. From page 2 the header carries
file number and "Seite 2 von 3". Every value, including letterhead and contact person, is a
placeholder (``placeholders.py``), so an office that edits a template keeps the layout.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent

PERSONS = "{{ personen }}"

LETTERS: dict[str, tuple[str, list[str]]] = {
    # kind: (subject, body paragraphs between salutation and closing). A paragraph "?name"
    # makes the next paragraph appear only when the placeholder ``name`` has a value.
    "acknowledgement": (
        "Eingangsbestätigung Ihres Antrags an die Härtefallkommission",
        [
            "Ihr Antrag an die Härtefallkommission ist am {{ eingangsdatum }} bei uns eingegangen. "
            "Er betrifft folgende Personen:",
            PERSONS,
            "Der Antrag wird unter dem Aktenzeichen {{ aktenzeichen }} geführt; bitte geben Sie es "
            "bei jeder Nachricht an.",
            "Die Geschäftsstelle prüft zunächst, ob ein Ausschlussgrund nach § 5 Abs. 1 HFKVO "
            "vorliegt. Die Anrufung der Härtefallkommission hat keine aufschiebende Wirkung.",
        ],
    ),
    "statement_request": (
        "Bitte um Stellungnahme zu einem Antrag an die Härtefallkommission",
        [
            "die Härtefallkommission befasst sich mit einem Antrag für folgende Personen, für die Sie "
            "zuständig sind:",
            PERSONS,
            "Wir bitten Sie nach § 4 Abs. 2 HFKVO um eine begründete Stellungnahme bis zum {{ frist }}.",
            "Bitte nutzen Sie dafür den Zugang Ihrer Behörde im Fallverwaltungssystem oder senden Sie "
            "die Stellungnahme unter Angabe des Aktenzeichens {{ aktenzeichen }} an die Geschäftsstelle.",
        ],
    ),
    "reminder": (
        "Erinnerung: Stellungnahme zu einem Antrag an die Härtefallkommission",
        [
            "mit Schreiben vom {{ angefordert_am }} haben wir Sie um eine Stellungnahme zum Antrag "
            "für folgende Personen gebeten:",
            PERSONS,
            "Die Frist endet bzw. endete am {{ frist }}. Wir bitten Sie, die Stellungnahme umgehend "
            "zu übermitteln.",
        ],
    ),
    "hardship_request": (
        "Härtefallersuchen nach § 23a Abs. 1 AufenthG",
        [
            "die Härtefallkommission des Landes Nordrhein-Westfalen hat am {{ beschlossen_am }} "
            "beschlossen, Sie gemäß § 23a Abs. 1 AufenthG in Verbindung mit § 7 Abs. 1 HFKVO zu "
            "ersuchen, den folgenden Personen abweichend von den im Aufenthaltsgesetz festgelegten "
            "Erteilungs- und Verlängerungsvoraussetzungen eine Aufenthaltserlaubnis zu erteilen:",
            PERSONS,
            "Nach § 7 Abs. 2 HFKVO leitet die Geschäftsstelle Ihnen dieses Ersuchen zu.",
            "?erwartungen",
            "Die Härtefallkommission verknüpft ihr Ersuchen mit folgenden Erwartungen an die "
            "Betroffenen: {{ erwartungen }}",
            "Nach § 7 Abs. 3 HFKVO informieren Sie das Ministerium und die Geschäftsstelle über "
            "Ihre beabsichtigte Entscheidung. Wollen Sie dem Ersuchen nicht entsprechen, teilen "
            "Sie vor einer abschließenden Entscheidung die maßgeblichen Gründe mit.",
        ],
    ),
    "exclusion_notice": (
        "Ihr Antrag an die Härtefallkommission",
        [
            "zu Ihrem Antrag für folgende Personen hat die Geschäftsstelle am "
            "{{ ausschluss_festgestellt_am }} festgestellt, dass ein zwingender Ausschlussgrund "
            "nach § 5 Abs. 1 HFKVO vorliegt:",
            PERSONS,
            "Festgestellter Ausschlussgrund:",
            "{{ ausschlussgruende }}",
            "Die Härtefallkommission kann sich deshalb mit dem Fall nicht befassen; ein "
            "Härtefallersuchen wird nicht gestellt. Das Verfahren ist damit beendet.",
        ],
    ),
    "no_take_up_notice": (
        "Ihr Antrag an die Härtefallkommission",
        [
            "über Ihren Antrag für folgende Personen ist am {{ beschlossen_am }} entschieden worden:",
            PERSONS,
            "Die Härtefallkommission befasst sich mit dem Fall nicht (§ 4 HFKVO). Ein "
            "Härtefallersuchen wird nicht gestellt; das Verfahren ist damit beendet.",
            "Die Beratungen sind nicht öffentlich und unterliegen der Verschwiegenheit "
            "(§ 6 Abs. 2 HFKVO); Gründe werden daher nicht mitgeteilt.",
        ],
    ),
    "no_request_notice": (
        "Ihr Antrag an die Härtefallkommission",
        [
            "die Härtefallkommission hat in ihrer Sitzung am {{ beschlossen_am }} über Ihren Antrag "
            "für folgende Personen beraten:",
            PERSONS,
            "Sie hat kein Härtefallersuchen nach § 23a AufenthG beschlossen; das Verfahren ist damit beendet.",
            "?empfehlung_hinweis",
            "{{ empfehlung_hinweis }}",
            "Die Beratungen sind nicht öffentlich und unterliegen der Verschwiegenheit "
            "(§ 6 Abs. 2 HFKVO); Gründe werden daher nicht mitgeteilt.",
        ],
    ),
    "request_sent_notice": (
        "Härtefallersuchen zu Ihrem Antrag",
        [
            "die Härtefallkommission hat am {{ beschlossen_am }} beschlossen, für folgende Personen "
            "ein Härtefallersuchen nach § 23a AufenthG zu stellen:",
            PERSONS,
            "Die Geschäftsstelle hat es am {{ versandt_am }} der zuständigen Ausländerbehörde "
            "({{ behoerde }}) zugeleitet.",
            "?erwartungen",
            "Die Kommission verknüpft ihr Ersuchen mit folgenden Erwartungen: {{ erwartungen }}",
            "Über die Erteilung der Aufenthaltserlaubnis entscheidet die Ausländerbehörde. Wir "
            "teilen Ihnen ihre Entscheidung mit.",
        ],
    ),
    "recommendation": (
        "Empfehlung der Härtefallkommission nach § 6 Abs. 3 Satz 4 HFKVO",
        [
            "die Härtefallkommission hat in ihrer Sitzung am {{ beschlossen_am }} über den Antrag "
            "für folgende Personen beraten und kein Härtefallersuchen beschlossen:",
            PERSONS,
            "Sie gibt Ihnen nach § 6 Abs. 3 Satz 4 HFKVO folgende Empfehlung zur Anwendung des "
            "geltenden Ausländerrechts:",
            "{{ empfehlung }}",
        ],
    ),
    "outcome_notice": (
        "Ergebnis des Härtefallverfahrens",
        [
            "im Härtefallverfahren für folgende Personen hat die zuständige Ausländerbehörde "
            "({{ behoerde }}) am {{ entschieden_am }} entschieden:",
            PERSONS,
            "Ergebnis: {{ ergebnis }}",
        ],
    ),
    "ministry_info": (
        "Beabsichtigte Entscheidung einer Ausländerbehörde (§ 7 Abs. 3 HFKVO)",
        [
            "die Ausländerbehörde {{ behoerde }} hat zum Härtefallersuchen vom {{ versandt_am }} "
            "für folgende Personen ihre beabsichtigte Entscheidung mitgeteilt:",
            PERSONS,
            "{{ beabsichtigte_entscheidung }}",
            "?gruende",
            "Gründe der Ausländerbehörde: {{ gruende }}",
        ],
    ),
    "request_withdrawal": (
        "Rücknahme des Härtefallersuchens vom {{ versandt_am }}",
        [
            "mit Schreiben vom {{ versandt_am }} hat die Härtefallkommission Sie ersucht, folgenden "
            "Personen eine Aufenthaltserlaubnis nach § 23a AufenthG zu erteilen:",
            PERSONS,
            "In ihrer Sitzung am {{ zurueckgenommen_am }} hat die Härtefallkommission dieses Ersuchen "
            "zurückgenommen. Es ist damit keine Grundlage mehr für die Erteilung oder Verlängerung einer "
            "Aufenthaltserlaubnis nach § 23a AufenthG.",
        ],
    ),
    "withdrawal_ministry": (
        "Rücknahme eines Härtefallersuchens",
        [
            "die Härtefallkommission hat in ihrer Sitzung am {{ zurueckgenommen_am }} ihr "
            "Härtefallersuchen vom {{ versandt_am }} an die Ausländerbehörde {{ behoerde }} für "
            "folgende Personen zurückgenommen:",
            PERSONS,
            "Die Ausländerbehörde ist unterrichtet.",
        ],
    ),
}

FONT = "Arial"  # LibreOffice sets it in the metric-compatible Liberation Sans


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as three runs: begin, instruction, end."""
    begin = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    begin.element.append(char)
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.element.append(text)
    paragraph.add_run("1")  # the value shown until the field is updated
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.element.append(char)


def _small(paragraph, size: float = 8.5, *, bold: bool = False, after: float = 0):
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
    return paragraph


def _cell_lines(cell, lines, *, size=8.5, align=None, first_bold=False):
    cell.paragraphs[0].text = lines[0]
    _small(cell.paragraphs[0], size, bold=first_bold)
    if align is not None:
        cell.paragraphs[0].alignment = align
    for line in lines[1:]:
        paragraph = _small(cell.add_paragraph(line), size)
        if align is not None:
            paragraph.alignment = align


def _german(document) -> None:
    """Language of every run: German (spelling, hyphenation and the PDF's /Lang), set in the
    document defaults, which LibreOffice reads as the document's language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "de-DE")
    lang.set(qn("w:eastAsia"), "de-DE")
    lang.set(qn("w:bidi"), "ar-SA")
    properties.append(lang)


def _widths(table, widths) -> None:
    """Column widths as Word and LibreOffice read them: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _letterhead(section) -> None:
    header = section.first_page_header
    table = header.add_table(rows=1, cols=2, width=Mm(165))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _widths(table, (Mm(45), Mm(120)))
    table.rows[0].height = Mm(27)
    table.rows[0].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    logo, text = table.rows[0].cells
    logo.paragraphs[0].text = "{{ logo }}"
    # The row keeps its 27 mm whatever the office enters, so the address field stays where the
    # window of the envelope is: 8 pt, single-spaced, room for eight lines.
    _cell_lines(text, ["{{ briefkopf_name }}", "{%p if briefkopf_zusatz %}", "{{ briefkopf_zusatz }}",
                       "{%p endif %}", "{{ briefkopf_anschrift }}", "{{ briefkopf_kontakt }}"],
                size=8, align=WD_ALIGN_PARAGRAPH.RIGHT, first_bold=True)
    for paragraph in text.paragraphs:
        paragraph.paragraph_format.line_spacing = 1.0
    header.paragraphs[0].text = ""
    _small(header.paragraphs[0], 2)


def _following_pages(section) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.text = "{{ briefkopf_name }} · Aktenzeichen {{ aktenzeichen }} · {{ datum }}"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _small(paragraph, 8)
    paragraph = section.header.add_paragraph("Seite ")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(paragraph, "PAGE")
    paragraph.add_run(" von ")
    _field(paragraph, "NUMPAGES")
    _small(paragraph, 8, after=12)
    footer = section.first_page_footer.paragraphs[0]
    footer.text = "{{ fusszeile }}"
    _small(footer, 7.5)


INFO_BLOCK = (("Aktenzeichen", "aktenzeichen"), ("Ansprechperson", "ansprechperson"), ("Telefon", "telefon"),
              ("E-Mail", "email_kontakt"), ("Datum", "datum"))


def _address_and_info(document) -> None:
    """Address field (with the return line above it) beside the information block."""
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _widths(table, (Mm(85), Mm(15), Mm(65)))
    row = table.rows[0]
    row.height = Mm(45)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    address, _gap, info = row.cells
    _cell_lines(address, ["{{ ruecksendeangabe }}"], size=6.5)
    address.paragraphs[0].paragraph_format.space_after = Pt(8)
    _small(address.add_paragraph("{{ empfaenger_anschrift }}"), 11)
    first = True
    for label, name in INFO_BLOCK:
        if name in ("telefon", "email_kontakt"):
            _small(info.add_paragraph(f"{{%p if {name} %}}"), 2)
        label_paragraph = info.paragraphs[0] if first else info.add_paragraph()
        label_paragraph.text = label
        _small(label_paragraph, 7)
        if not first:
            label_paragraph.paragraph_format.space_before = Pt(4)
        first = False
        _small(info.add_paragraph(f"{{{{ {name} }}}}"), 9)
        if name in ("telefon", "email_kontakt"):
            _small(info.add_paragraph("{%p endif %}"), 2)
    for paragraph in info.paragraphs:
        paragraph.paragraph_format.line_spacing = 1.0


def build(kind: str, subject: str, body: list[str]) -> Path:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    _german(document)
    document.core_properties.title = subject.replace("{{ versandt_am }}", "").strip()
    document.core_properties.author = "Härtefallkommission"
    document.core_properties.language = "de-DE"

    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(27), Mm(25)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    _letterhead(section)
    _following_pages(section)

    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    first.text = ""
    _small(first, 2)
    _address_and_info(document)

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(18)
    paragraph.paragraph_format.space_after = Pt(18)
    run = paragraph.add_run(subject)
    run.bold = True
    document.add_paragraph("{{ anrede }}")
    condition = None
    for text in body:
        if text.startswith("?"):
            condition = text[1:]
            continue
        if condition:
            document.add_paragraph(f"{{%p if {condition} %}}")
        paragraph = document.add_paragraph(text)
        if text == PERSONS:
            paragraph.paragraph_format.left_indent = Mm(5)
        if condition:
            document.add_paragraph("{%p endif %}")
            condition = None
    document.add_paragraph("{%p if ergaenzender_text %}")
    document.add_paragraph("{{ ergaenzender_text }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("Mit freundlichen Grüßen")
    paragraph = document.add_paragraph("Im Auftrag")
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(0)
    document.add_paragraph("{{ ansprechperson }}")
    path = HERE / f"{kind}.docx"
    document.save(path)
    return path


def main(kinds=()) -> None:
    """Write every template, or only ``kinds`` (``build.py request_withdrawal ...``)."""
    for kind, (subject, body) in LETTERS.items():
        if not kinds or kind in kinds:
            print(build(kind, subject, body))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
