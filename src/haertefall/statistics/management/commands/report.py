"""``haertefall report``: the activity report's tables as of a cut-off date, as a file."""

import json
import re
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.statistics.disclosure import report_protect
from haertefall.statistics.exports import FORMATS, render
from haertefall.statistics.models import ReportChapter
from haertefall.statistics.report import report_build, report_compare, report_extra

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")


def parse_years(text: str) -> range:
    match = _YEARS.match(text or "")
    if not match:
        raise CommandError(f"--years „{text}“: erwartet VON-BIS, z. B. 2005-2023.")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise CommandError(f"--years „{text}“: das Endjahr liegt vor dem Anfangsjahr.")
    if end - start > 100:
        raise CommandError(f"--years „{text}“: höchstens 100 Jahre.")
    return range(start, end + 1)


def parse_date(text: str, *, option: str = "--as-of") -> date:
    for candidate in (text, "-".join(reversed(text.split(".")))):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    raise CommandError(f"{option} „{text}“: erwartet ein Datum JJJJ-MM-TT oder TT.MM.JJJJ.")


class Command(BaseCommand):
    # Django's system checks import the whole URLconf (≈0.6 s, ≈30 MB) and check nothing this
    # command depends on; `haertefall check` and the server run them.
    requires_system_checks = []
    help = "Erstellt die Statistik (Tabellen 6.1–6.6) zum Stichtag als JSON, CSV, XLSX, PDF oder HTML."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="Stichtag (JJJJ-MM-TT oder TT.MM.JJJJ)")
        parser.add_argument("--years", required=True, help="Eingangsjahre VON-BIS, z. B. 2005-2023")
        parser.add_argument("--format", default="json", choices=sorted(FORMATS))
        parser.add_argument("--output", help="Datei; ohne Angabe auf die Standardausgabe")
        parser.add_argument("--compare", help="Veröffentlichten Bericht (JSON) Zelle für Zelle vergleichen")
        parser.add_argument("--suppress-small", action="store_true",
                            help="Zusammengefasste Statistik mit geschützten kleinen Fallzahlen (Veröffentlichung)")
        parser.add_argument("--extra", action="store_true",
                            help="Weitere Auswertungen (Personen, Behörden, Dauer) unter „extra“")
        parser.add_argument("--full", action="store_true",
                            help="Ganzer Tätigkeitsbericht mit den Textkapiteln (PDF/HTML)")
        parser.add_argument("--recorded-as-of",
                            help="Nach Erfassungsstand: nur, was bis zum Ende dieses Tages erfasst war, "
                                 "mit den Werten vor späteren Korrekturen (JJJJ-MM-TT oder TT.MM.JJJJ)")
        parser.add_argument("--no-historical", action="store_true",
                            help="Veröffentlichte Zahlen früherer Jahre nicht einbeziehen")

    def handle(self, *args, **opts):
        as_of = parse_date(opts["as_of"])
        years = parse_years(opts["years"])
        fmt = opts["format"]
        recorded_as_of = parse_date(opts["recorded_as_of"], option="--recorded-as-of") if opts["recorded_as_of"] else None
        report = report_build(as_of=as_of, years=years, include_historical=not opts["no_historical"],
                              recorded_as_of=recorded_as_of)
        differences = None
        if opts["compare"]:
            differences = self._compare(report, opts["compare"])
        if opts["extra"] or (fmt != "json" and opts["full"]):
            report["extra"] = report_extra(as_of=as_of, years=years, recorded_as_of=recorded_as_of)
        if opts["suppress_small"]:
            report = report_protect(report, as_of=as_of)
        chapters = list(ReportChapter.objects.all()) if opts["full"] else None
        content = render(report, fmt, chapters=chapters)
        audit_log(user=None, action=AuditEntry.Action.EXPORT, object_type="statistics.report",
                  detail=f"Kommandozeile {fmt} Stand {as_of:%d.%m.%Y} Jahre {years[0]}-{years[-1]}"
                         + (f" Erfassungsstand {recorded_as_of:%d.%m.%Y}" if recorded_as_of else ""))
        if opts["output"]:
            Path(opts["output"]).write_bytes(content)
            self.stderr.write(f"Geschrieben: {opts['output']}")
        elif differences is None:
            if fmt in ("xlsx", "pdf") and sys.stdout.isatty():
                raise CommandError(f"Für --format {fmt} bitte --output DATEI angeben.")
            self.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        if differences:
            for line in differences:
                self.stdout.write(line)
            raise CommandError(f"{len(differences)} Abweichung(en) vom veröffentlichten Bericht.")
        if differences is not None:
            self.stdout.write("Keine Abweichungen vom veröffentlichten Bericht.")

    def _compare(self, report: dict, path: str) -> list[str]:
        try:
            published = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise CommandError(f"--compare: Datei „{path}“ nicht gefunden.") from None
        except (OSError, ValueError) as exc:
            raise CommandError(f"--compare: „{path}“ ist kein lesbares JSON ({exc}).") from None
        if not isinstance(published, dict):
            raise CommandError(f"--compare: „{path}“ enthält keinen Bericht.")
        return report_compare(report, published)
