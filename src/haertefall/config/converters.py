"""URL converters."""


class IdConverter:
    """A database id in a URL: 1 to 18 digits. Django's ``int`` takes any number of digits and
    a number beyond the database's 64-bit integers then fails in the query (500); with at most
    18 digits such a URL simply matches nothing (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
