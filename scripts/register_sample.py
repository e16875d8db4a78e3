"""Write a synthetic register (CSV, German Excel style) for timing the import.

    python scripts/register_sample.py 100000 /tmp/register-100k.csv

Rows mix every country form, authority spellings, outcomes and results; all dates lie in the
past and in order, so the import must accept the whole file.
"""

import csv
import random
import sys
from datetime import date, timedelta

COUNTRIES = ["Türkei", "TUR", "TR", "163", "Kosovo", "Serbien", "Republik Serbien", "Aserbajdschan",
             "Mazedonien", "Kongo, Demokratische Republik", "Albanien", "ALB", "Irak", "Iran",
             "Afghanistan", "Syrien", "Jugoslawien", "Serbien und Montenegro", "Russische Föderation",
             "Armenien", "Georgien", "Nigeria", "Ghana", "staatenlos", "ungeklärt"]
AUTHORITIES = ["Stadt Bochum", "Stadt Köln – Ausländeramt", "Kreis Unna – Ausländerbehörde",
               "ZAB Essen", "Zentrale Ausländerbehörde Dortmund", "Stadt Düsseldorf", "Rhein-Sieg-Kreis", ""]
REASONS = ["Rücknahme des Antrags", "Ausreise", "Abschiebung", "Aufenthaltserlaubnis § 25b", "Tod",
           "Wegzug in ein anderes Bundesland", ""]


def row(i: int, rng: random.Random) -> list[str]:
    received = date(2005, 1, 1) + timedelta(days=rng.randrange(0, 365 * 19))
    outcome = rng.choice(["Ersuchen", "Ersuchen", "Kein Ersuchen", "Andere Erledigung", ""])
    outcome_on = received + timedelta(days=rng.randrange(30, 400)) if outcome else None
    result, result_on, reason = "", None, ""
    if outcome == "Kein Ersuchen":
        reason = rng.choice(["Ausschlussgrund § 5 Abs. 1 HFKVO", "", "Beschluss"])
    elif outcome == "Andere Erledigung":
        reason = rng.choice(REASONS)
    elif outcome == "Ersuchen":
        result = rng.choice(["gefolgt", "gefolgt", "nicht gefolgt", "andere Erledigung", ""])
        result_on = outcome_on + timedelta(days=rng.randrange(10, 300)) if result else None

    def d(x):
        if x is None:
            return ""
        return x.isoformat() if rng.random() < 0.2 else x.strftime("%d.%m.%Y")

    return [f"R-{received.year}-{i:06d}", d(received), rng.choice(COUNTRIES), rng.choice(AUTHORITIES),
            str(rng.choice([1, 1, 1, 2, 3, 4, 5])), outcome, d(outcome_on), reason, result, d(result_on)]


def main(count: int, path: str) -> None:
    rng = random.Random(23)
    with open(path, "w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit", "Ausländerbehörde",
                         "Personen", "Erledigung", "Erledigungsdatum", "Erledigungsgrund",
                         "Ergebnis Ersuchen", "Ergebnisdatum"])
        for i in range(1, count + 1):
            writer.writerow(row(i, rng))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
