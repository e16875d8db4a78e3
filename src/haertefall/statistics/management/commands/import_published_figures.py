"""``haertefall import-published-figures FILE``: keep a published report as historical figures."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from haertefall.core.errors import DomainError
from haertefall.statistics.services import historical_figures_import


class Command(BaseCommand):
    help = ("Speichert veröffentlichte Zahlen (JSON im Berichtsformat) als Quelle für Jahre vor dem "
            "ersten erfassten Fall.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON-Datei im Format von „haertefall report --format json“")
        parser.add_argument("--source", help="Bezeichnung der Quelle (Standard: Dateiname)")

    def handle(self, *args, file, source=None, **opts):
        path = Path(file)
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise CommandError(f"Datei „{file}“ nicht gefunden.") from None
        except (OSError, ValueError) as exc:
            raise CommandError(f"„{file}“ ist kein lesbares JSON ({exc}).") from None
        try:
            figures = historical_figures_import(data=data, source=source or path.stem)
        except DomainError as exc:
            raise CommandError(f"„{file}“: {exc.message}") from None
        years = sorted(figures.data.get("applications", {}))
        self.stdout.write(self.style.SUCCESS(
            f"Veröffentlichte Zahlen „{figures.source}“ (Stand {figures.as_of:%d.%m.%Y}, "
            f"Jahre {years[0] if years else '–'}–{years[-1] if years else '–'}) gespeichert."))
