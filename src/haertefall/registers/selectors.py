"""Reads of the registers shared by services and views."""

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.db.models import Q

from haertefall.core.errors import DomainError

from .models import Country, ExclusionCatalogue, ExclusionGround


def catalogue_in_force(*, on: date, land: str | None = None) -> ExclusionCatalogue:
    catalogue = (ExclusionCatalogue.objects.filter(land=land or settings.HAERTEFALL_LAND, valid_from__lte=on)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).order_by("-valid_from", "-pk").first())
    if catalogue is None:
        raise DomainError(f"Für den {on:%d.%m.%Y} ist kein Ausschlussgrund-Katalog hinterlegt.")
    return catalogue


def grounds_in_force(*, on: date, land: str | None = None) -> list[ExclusionGround]:
    """The exclusion grounds of the catalogue in force on ``on``, by kind and code."""
    return list(catalogue_in_force(on=on, land=land).grounds.order_by("kind", "code"))


@lru_cache(maxsize=1)
def _country_index():
    from .country_lookup import CountryIndex

    return CountryIndex.load()


def country_resolve(text: str) -> Country | None:
    """Resolve any written form of a nationality to the Country row (not mapped to successor)."""
    record = _country_index().resolve(text)
    if record is None:
        return None
    return Country.objects.filter(destatis_code=record.destatis_code).first()
