from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from haertefall.authorities.reminders import reminders_send


class Command(BaseCommand):
    help = ("Sendet fällige Fristerinnerungen an die Ausländerbehörden (vor und nach Fristablauf, "
            "danach wöchentlich). Mehrfaches Ausführen sendet nichts doppelt.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Stichtag im Format JJJJ-MM-TT (Standard: heute).")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"Ungültiges Datum „{today}“; erwartet wird JJJJ-MM-TT.") from None
        else:
            day = timezone.localdate()
        sent = reminders_send(today=day)
        for reminder in sent:
            self.stdout.write(f"{reminder.statement_request.case.file_number}: "
                              f"{reminder.get_kind_display()} (Frist {reminder.due_on:%d.%m.%Y})")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} Erinnerung(en) gesendet."))
