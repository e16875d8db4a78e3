"""Retention hook (see ``haertefall.retention.services``): generated letters go with the
case's documents; the email log keeps only that an email of a kind was sent."""

from .models import Letter, SentEmail

EVENT_DATA_KEEP = frozenset({"letter_id", "template_version"})


def retention_scrub_case(*, case) -> None:
    # The letter files are case documents, deleted (rows and files) by the retention service.
    Letter.objects.filter(case=case).delete()
    SentEmail.objects.filter(case=case).update(subject="(anonymisiert)")
