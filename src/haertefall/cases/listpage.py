"""How the case list page is shown: sortable column headers, page size and numbered pages.

Everything lives in the address (``ordering``, ``anzahl``, ``seite``), so that going back,
reloading and bookmarks show the same page; the view remembers the last address in the session
so that coming back to the list from elsewhere restores it (decision 0119)."""

from dataclasses import dataclass

from django.http import QueryDict

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = PAGE_SIZES[0]
# Pages linked either side of the current one (first and last are always linked).
PAGE_LINKS_AROUND = 2

# The table's columns: (label, sort key of the filter's ``ordering`` or None).
COLUMNS = (
    ("Aktenzeichen", "file_number"),
    ("Eingang", "received_on"),
    ("Hauptperson", None),
    ("Herkunftsland", "country"),
    ("Ausländerbehörde", "authority"),
    ("Stand", "state"),
)
# Without a chosen order the list shows the newest applications first (Case.Meta.ordering).
DEFAULT_ORDER = "-received_on"


def page_size(value, *, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The page size the address asks for if it is one of the offered ones, else ``default``."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return default
    return size if size in PAGE_SIZES else default


def _address(query: QueryDict, **changes) -> str:
    query = query.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    return "?" + query.urlencode()


@dataclass(frozen=True)
class Header:
    label: str
    url: str | None  # None: the column is not sortable
    aria_sort: str | None  # "ascending" / "descending" on the column the list is sorted by
    hint: str = ""


def sort_headers(query: QueryDict, ordering: str) -> list[Header]:
    """One header per column; a sortable one links to the list sorted by it (ascending, or
    descending when it is the current ascending order), back on the first page."""
    ordering = ordering or DEFAULT_ORDER
    current, descending = ordering.lstrip("-"), ordering.startswith("-")
    headers = []
    for label, key in COLUMNS:
        if key is None:
            headers.append(Header(label, None, None))
            continue
        active = key == current
        target = f"-{key}" if active and not descending else key
        aria = ("descending" if descending else "ascending") if active else None
        hint = ("absteigend sortieren" if target.startswith("-") else "aufsteigend sortieren")
        headers.append(Header(label, _address(query, ordering=target, seite=None), aria, hint))
    return headers


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


def page_links(query: QueryDict, page) -> list[PageLink]:
    """Numbered links: the first, the last, and those around the current page, gaps as None."""
    last = page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, page.number - PAGE_LINKS_AROUND),
                                      min(last, page.number + PAGE_LINKS_AROUND) + 1)})
    links, previous = [], 0
    for number in shown:
        if number > previous + 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _address(query, seite=number), number == page.number))
        previous = number
    return links


def page_address(query: QueryDict, number: int) -> str:
    return _address(query, seite=number)


def size_links(query: QueryDict, current: int) -> list[PageLink]:
    return [PageLink(size, _address(query, anzahl=None if size == DEFAULT_PAGE_SIZE else size, seite=None),
                     size == current) for size in PAGE_SIZES]
