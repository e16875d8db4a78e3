"""Write the shipped default letter templates (DOCX) into this folder.

Run after changing a text: ``python src/haertefall/correspondence/templates_default/build.py``.
The .docx files are committed; the office replaces them by uploading an edited copy.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

HEADER = ["{{ geschaeftsstelle }}", "", "{{ datum }}"]

LETTERS: dict[str, tuple[list[str], str, list[str]]] = {
    # kind: (address lines, subject, body paragraphs)
    "acknowledgement": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Eingangsbestätigung – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "Ihr Antrag an die Härtefallkommission für {{ name }} ({{ anzahl_personen }} Person(en)) "
            "ist am {{ eingangsdatum }} bei uns eingegangen. Er wird unter dem Aktenzeichen "
            "{{ aktenzeichen }} geführt; bitte geben Sie es bei jeder Nachricht an.",
            "Die Geschäftsstelle prüft zunächst, ob ein Ausschlussgrund nach § 5 Abs. 1 HFKVO "
            "vorliegt. Die Anrufung der Härtefallkommission hat keine aufschiebende Wirkung.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "statement_request": (
        ["{{ behoerde }}", "{{ behoerde_anschrift }}"],
        "Bitte um Stellungnahme – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission befasst sich mit dem Fall {{ name }} (Aktenzeichen "
            "{{ aktenzeichen }}). Wir bitten Sie um eine begründete Stellungnahme bis zum "
            "{{ frist }}.",
            "Bitte nutzen Sie dafür den Zugang Ihrer Behörde im Fallverwaltungssystem oder "
            "senden Sie die Stellungnahme unter Angabe des Aktenzeichens an die Geschäftsstelle.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "reminder": (
        ["{{ behoerde }}", "{{ behoerde_anschrift }}"],
        "Erinnerung: Stellungnahme – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "mit Schreiben vom {{ angefordert_am }} haben wir Sie um eine Stellungnahme zum Fall "
            "{{ aktenzeichen }} gebeten. Die Frist endet bzw. endete am {{ frist }}.",
            "Wir bitten Sie, die Stellungnahme umgehend zu übermitteln.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "hardship_request": (
        ["{{ behoerde }}", "{{ behoerde_anschrift }}"],
        "Härtefallersuchen nach § 23a AufenthG – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission des Landes Nordrhein-Westfalen hat am {{ beschlossen_am }} "
            "beschlossen, Sie gemäß § 23a Abs. 1 AufenthG in Verbindung mit § 7 Abs. 1 HFKVO zu "
            "ersuchen, {{ name }} abweichend von den im Aufenthaltsgesetz festgelegten Erteilungs- "
            "und Verlängerungsvoraussetzungen eine Aufenthaltserlaubnis zu erteilen. Nach § 7 Abs. 2 "
            "HFKVO leitet die Geschäftsstelle Ihnen dieses Ersuchen zu.",
            "Die Härtefallkommission verknüpft ihr Ersuchen mit folgenden Erwartungen an die "
            "Betroffenen: {{ erwartungen }}",
            "Nach § 7 Abs. 3 HFKVO informieren Sie das Ministerium und die Geschäftsstelle über "
            "Ihre beabsichtigte Entscheidung. Wollen Sie dem Ersuchen nicht entsprechen, teilen "
            "Sie vor einer abschließenden Entscheidung die maßgeblichen Gründe mit.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "exclusion_notice": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Ihr Antrag an die Härtefallkommission – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "zu Ihrem Antrag für {{ name }} (Aktenzeichen {{ aktenzeichen }}) hat die Geschäftsstelle am "
            "{{ ausschluss_festgestellt_am }} festgestellt, dass ein zwingender Ausschlussgrund nach "
            "§ 5 Abs. 1 HFKVO vorliegt:",
            "{{ ausschlussgruende }}",
            "Die Härtefallkommission kann sich deshalb mit dem Fall nicht befassen; ein "
            "Härtefallersuchen wird nicht gestellt. Das Verfahren ist damit beendet.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "no_take_up_notice": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Ihr Antrag an die Härtefallkommission – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "über Ihren Antrag für {{ name }} (Aktenzeichen {{ aktenzeichen }}) ist am "
            "{{ beschlossen_am }} entschieden worden: Die Härtefallkommission befasst sich mit dem "
            "Fall nicht (§ 4 HFKVO). Ein Härtefallersuchen wird nicht gestellt; das Verfahren ist "
            "damit beendet.",
            "Die Beratungen sind nicht öffentlich und unterliegen der Verschwiegenheit "
            "(§ 6 Abs. 2 HFKVO); Gründe werden daher nicht mitgeteilt.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "no_request_notice": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Ihr Antrag an die Härtefallkommission – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission hat in ihrer Sitzung am {{ beschlossen_am }} über Ihren Antrag "
            "für {{ name }} (Aktenzeichen {{ aktenzeichen }}) beraten. Sie hat kein Härtefallersuchen "
            "nach § 23a AufenthG beschlossen; das Verfahren ist damit beendet.",
            "{{ empfehlung_hinweis }}",
            "Die Beratungen sind nicht öffentlich und unterliegen der Verschwiegenheit "
            "(§ 6 Abs. 2 HFKVO); Gründe werden daher nicht mitgeteilt.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "request_sent_notice": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Härtefallersuchen – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission hat am {{ beschlossen_am }} beschlossen, für {{ name }} "
            "(Aktenzeichen {{ aktenzeichen }}) ein Härtefallersuchen nach § 23a AufenthG zu stellen. "
            "Die Geschäftsstelle hat es am {{ versandt_am }} der zuständigen Ausländerbehörde "
            "({{ behoerde }}) zugeleitet.",
            "Die Kommission verknüpft ihr Ersuchen mit folgenden Erwartungen: {{ erwartungen }}",
            "Über die Erteilung der Aufenthaltserlaubnis entscheidet die Ausländerbehörde. Wir "
            "teilen Ihnen ihre Entscheidung mit.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "recommendation": (
        ["{{ behoerde }}", "{{ behoerde_anschrift }}"],
        "Empfehlung der Härtefallkommission – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission hat in ihrer Sitzung am {{ beschlossen_am }} im Fall {{ name }} "
            "(Aktenzeichen {{ aktenzeichen }}) kein Härtefallersuchen beschlossen. Sie gibt Ihnen "
            "nach § 6 Abs. 3 Satz 4 HFKVO folgende Empfehlung zur Anwendung des geltenden "
            "Ausländerrechts:",
            "{{ empfehlung }}",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "outcome_notice": (
        ["{{ einreicher }}", "{{ einreicher_anschrift }}"],
        "Ergebnis des Härtefallverfahrens – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "im Härtefallverfahren für {{ name }} (Aktenzeichen {{ aktenzeichen }}) hat die "
            "zuständige Ausländerbehörde ({{ behoerde }}) am {{ entschieden_am }} entschieden:",
            "{{ ergebnis }}",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "ministry_info": (
        ["{{ ministerium }}"],
        "Beabsichtigte Entscheidung der Ausländerbehörde – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Ausländerbehörde {{ behoerde }} hat zum Härtefallersuchen vom {{ versandt_am }} "
            "(Aktenzeichen {{ aktenzeichen }}) ihre beabsichtigte Entscheidung mitgeteilt "
            "(§ 7 Abs. 3 HFKVO): {{ beabsichtigte_entscheidung }}",
            "Gründe: {{ gruende }}",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "request_withdrawal": (
        ["{{ behoerde }}", "{{ behoerde_anschrift }}"],
        "Rücknahme des Härtefallersuchens – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "mit Schreiben vom {{ versandt_am }} hat die Härtefallkommission Sie ersucht, {{ name }} "
            "eine Aufenthaltserlaubnis nach § 23a AufenthG zu erteilen (Aktenzeichen {{ aktenzeichen }}).",
            "In ihrer Sitzung am {{ zurueckgenommen_am }} hat die Härtefallkommission dieses Ersuchen "
            "zurückgenommen. Es ist damit keine Grundlage mehr für die Erteilung oder Verlängerung einer "
            "Aufenthaltserlaubnis nach § 23a AufenthG.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
    "withdrawal_ministry": (
        ["{{ ministerium }}"],
        "Rücknahme eines Härtefallersuchens – Aktenzeichen {{ aktenzeichen }}",
        [
            "Sehr geehrte Damen und Herren,",
            "die Härtefallkommission hat in ihrer Sitzung am {{ zurueckgenommen_am }} ihr Härtefallersuchen "
            "vom {{ versandt_am }} an die Ausländerbehörde {{ behoerde }} (Aktenzeichen {{ aktenzeichen }}) "
            "zurückgenommen. Die Ausländerbehörde ist unterrichtet.",
            "Mit freundlichen Grüßen",
            "{{ geschaeftsstelle }}",
        ],
    ),
}


def build(kind: str, address: list[str], subject: str, body: list[str]) -> Path:
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = subject
    document.core_properties.author = "haertefall"
    for line in HEADER:
        document.add_paragraph(line)
    for line in address:
        document.add_paragraph(line)
    document.add_paragraph("")
    document.add_heading(subject, level=2)
    for paragraph in body:
        document.add_paragraph(paragraph)
    path = HERE / f"{kind}.docx"
    document.save(path)
    return path


def main(kinds=()) -> None:
    """Write every template, or only ``kinds`` (``build.py request_withdrawal ...``)."""
    for kind, (address, subject, body) in LETTERS.items():
        if not kinds or kind in kinds:
            print(build(kind, address, subject, body))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
