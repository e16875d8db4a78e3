"""Looking at produced PDFs as their reader and an archive would (issue 15).

``pdf_archival_problems`` names what keeps a PDF from being an archival (PDF/A-2) and tagged
document; ``pdf_text`` is the text a reader copies out of it (poppler's pdftotext, layout kept);
``pdf_page_pictures`` renders the pages with pdftoppm, as a person looks at them.
"""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest


def pdf_archival_problems(data: bytes) -> list[str]:
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") not in ("2", "3"):
            problems.append(f"keine PDF/A-2/3-Kennung (pdfaid:part={meta.get('pdfaid:part')!r})")
        if "/StructTreeRoot" not in pdf.Root:
            problems.append("nicht getaggt (kein StructTreeRoot)")
        mark = pdf.Root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("MarkInfo/Marked fehlt")
        if str(pdf.Root.get("/Lang", "")).lower()[:2] != "de":
            problems.append(f"Dokumentsprache nicht Deutsch ({pdf.Root.get('/Lang')!r})")
        if "/OutputIntents" not in pdf.Root:
            problems.append("kein OutputIntent (Farbprofil)")
        for number, page in enumerate(pdf.pages, start=1):
            for name, font in (page.Resources.get("/Font") or {}).items():
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"Schrift {name} auf Seite {number} nicht eingebettet")
    return problems


def needs_poppler():
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) fehlt: scripts/system-deps.sh installiert es")


def pdf_text(data: bytes) -> str:
    needs_poppler()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(data)
        source.flush()
        result = subprocess.run([shutil.which("pdftotext"), "-layout", "-enc", "UTF-8", source.name, "-"],  # noqa: S603
                                capture_output=True, check=True)
    return result.stdout.decode()


def pdf_structure_text(data: bytes) -> str:
    """The text of the tagged PDF's structure tree (poppler's ``pdfinfo -struct-text``): what a
    screen reader reads. Artifacts (page backgrounds, running heads) are not in it."""
    needs_poppler()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(data)
        source.flush()
        result = subprocess.run([shutil.which("pdfinfo"), "-struct-text", source.name],  # noqa: S603
                                capture_output=True, check=True)
    return result.stdout.decode()


def pdf_page_pictures(data: bytes, directory: Path, *, dpi: int = 50) -> list[Path]:
    needs_poppler()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(data)
        source.flush()
        subprocess.run([shutil.which("pdftoppm"), "-r", str(dpi), "-png", source.name,  # noqa: S603
                        str(directory / "seite")], check=True)
    return sorted(directory.glob("seite*.png"))
