"""PDF documents from auto-escaped Django templates: PDF/A-2b, tagged (docs/decisions/0111).

Every PDF that is not a letter (letters are their DOCX converted by LibreOffice, decision 0110)
is an HTML template extending ``pdf/base.html`` and typeset by WeasyPrint. The fonts are KERN's
Fira Sans from the static files, embedded in the PDF; nothing is fetched from the network.
"""

from pathlib import Path
from urllib.parse import urlparse

import weasyprint
import weasyprint.urls
from django.template.loader import render_to_string

STATIC_ROOT = Path(__file__).resolve().parent.parent / "portal" / "static"
PDF_VARIANT = "pdf/a-2b"


class StaticFilesOnly(weasyprint.urls.URLFetcher):
    """Only the shipped static files may be read while typesetting; a name or text that
    somehow looked like an address is never fetched. ``data:`` addresses carry their content
    themselves (an image a template made, such as the session file's watermark) and read
    nothing."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        path = Path(parsed.path).resolve() if parsed.scheme == "file" else None
        if path is None or not path.is_relative_to(STATIC_ROOT):
            raise ValueError(f"Kein Zugriff beim Setzen des PDF: {url[:60]}")
        return super().fetch(url, headers)


def pdf_from_template(template_name: str, context: dict, *, request=None, variant: str = PDF_VARIANT) -> bytes:
    """Render ``template_name`` (extending ``pdf/base.html``) to a tagged PDF/A-2b (``variant``
    "pdf/a-3b" where files are to be embedded afterwards, decision 0123)."""
    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(string=html, base_url=STATIC_ROOT.as_uri() + "/", url_fetcher=StaticFilesOnly(allowed_protocols=("file", "data")))
    return document.write_pdf(pdf_variant=variant, pdf_tags=True)
