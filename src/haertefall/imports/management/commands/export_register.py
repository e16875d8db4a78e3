"""haertefall export-register [--output FILE] [--format csv|xlsx] [--years 2005-2023]"""

import sys

from django.core.management.base import BaseCommand, CommandError

from haertefall.core.errors import DomainError
from haertefall.imports.services import register_export, years_parse


class Command(BaseCommand):
    help = "Alle Fälle im Registerformat ausgeben (CSV mit Semikolon, UTF-8 mit BOM, oder XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", metavar="FILE", help="Zieldatei (Standard: Ausgabe auf stdout).")
        parser.add_argument("--format", choices=["csv", "xlsx"],
                            help="Dateiformat (Standard: nach Endung der Zieldatei, sonst csv).")
        parser.add_argument("--years", metavar="VON-BIS", help="Nur Eingangsjahre, z. B. 2005-2023 oder 2023.")

    def handle(self, *args, output, format, years, **options):
        fmt = format or ("xlsx" if output and output.lower().endswith(".xlsx") else "csv")
        if fmt == "xlsx" and not output:
            raise CommandError("XLSX braucht eine Zieldatei (--output).")
        try:
            span = years_parse(years)
            if output:
                with open(output, "wb") as fh:
                    count = register_export(out=fh, fmt=fmt, years=span)
            else:
                sys.stdout.flush()
                count = register_export(out=sys.stdout.buffer, fmt=fmt, years=span)
                sys.stdout.buffer.flush()
        except DomainError as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(f"Die Datei „{output}“ kann nicht geschrieben werden: {exc.strerror}.") from None
        self.stderr.write(f"{count} Fälle exportiert.")
