"""The synthetic register: published figures at scale 1, same shape when scaled."""

from collections import Counter
from datetime import date

from haertefall.statistics.synthetic import CUT_OFF, published_figures, synthetic_register_rows

COLUMNS = ["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit", "Ausländerbehörde", "Personen",
           "Erledigung", "Erledigungsdatum", "Erledigungsgrund", "Ergebnis Ersuchen", "Ergebnisdatum"]


def _d(text):
    day, month, year = map(int, text.split("."))
    return date(year, month, day)


def _status_as_of_cut_off(row):
    if not row["Erledigung"] or _d(row["Erledigungsdatum"]) > CUT_OFF:
        return "open"
    if row["Erledigung"] != "Ersuchen":
        return row["Erledigung"]
    if not row["Ergebnis Ersuchen"] or _d(row["Ergebnisdatum"]) > CUT_OFF:
        return "request open"
    return row["Ergebnis Ersuchen"]


def test_rows_at_scale_one_give_the_published_outcomes():
    rows = list(synthetic_register_rows(scale=1, today=date(2026, 6, 30)))
    assert list(rows[0]) == COLUMNS
    assert len({r["Aktenzeichen"] for r in rows}) == len(rows)
    by_year = {}
    for row in rows:
        if _d(row["Eingangsdatum"]) <= CUT_OFF:
            by_year.setdefault(row["Eingangsdatum"][-4:], Counter())[_status_as_of_cut_off(row)] += 1
    published = published_figures()
    for year, count in published["applications"].items():
        assert sum(by_year[year].values()) == count
    for year, o in published["outcomes"].items():
        r = published["request_outcomes"][year]
        got = by_year[year]
        assert (got["Kein Ersuchen"], got["Andere Erledigung"], got["open"]) == (
            o["no_request"], o["other_closure"], o["open"])
        assert (got["gefolgt"], got["nicht gefolgt"], got["andere Erledigung"], got["request open"]) == (
            r["followed"], r["not_followed"], r["other_closure"], r["open"])


def test_scaled_rows_keep_dates_in_order():
    rows = list(synthetic_register_rows(scale=0.5, seed=3, today=date(2026, 6, 30)))
    assert 4000 < len(rows) < 5000
    for row in rows:
        if row["Erledigung"]:
            assert _d(row["Erledigungsdatum"]) > _d(row["Eingangsdatum"])
        if row["Ergebnis Ersuchen"]:
            assert _d(row["Ergebnisdatum"]) > _d(row["Erledigungsdatum"]) <= date(2026, 6, 30)
