"""Reference registers: countries, immigration authorities, exclusion-ground catalogues."""

from django.db import models


class Country(models.Model):
    """A nationality as coded by Destatis (Staatsangehörigkeitsschlüssel).

    Historical states keep their own row and point to the country they count under today, so
    a case keeps what was recorded while statistics use today's country.
    """

    destatis_code = models.CharField("Destatis-Schlüssel", max_length=3, unique=True)
    name = models.CharField("Name", max_length=100, help_text="Kurzname wie im Tätigkeitsbericht.")
    sort_name = models.CharField(
        "Sortiername",
        max_length=120,
        help_text="Listenform für die Sortierung bei Gleichstand (z. B. 'Kongo, Demokratische Republik').",
    )
    official_name = models.CharField("Amtlicher Name", max_length=200, blank=True)
    iso2 = models.CharField("ISO 3166 Alpha-2", max_length=2, blank=True)
    iso3 = models.CharField("ISO 3166 Alpha-3", max_length=3, blank=True)
    historical = models.BooleanField("Historischer Staat", default=False)
    successor = models.ForeignKey(
        "self",
        verbose_name="Heute gezählt unter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    variants = models.TextField("Schreibvarianten", blank=True, help_text="Eine pro Zeile.")
    successor_states = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name="Nachfolgestaaten",
        help_text="Bei einem aufgelösten Staat mit mehreren Nachfolgestaaten (Sowjetunion, Jugoslawien, "
        "Tschechoslowakei, Serbien und Montenegro) die Staaten, denen eine Person zugeordnet werden kann. "
        "Ohne Zuordnung zählt sie unter „Heute gezählt unter“; der Bericht weist das aus.",
    )

    list_position = models.PositiveIntegerField(
        "Stelle in der Liste", default=0, editable=False,
        help_text="Stelle nach dem Sortiernamen in deutscher alphabetischer Ordnung (DIN 5007, Ä wie A), "
        "damit die Datenbank auf jedem System gleich sortiert; beim Laden der Register neu gezählt.",
    )

    class Meta:
        verbose_name = "Staat"
        verbose_name_plural = "Staaten"
        ordering = ["list_position", "sort_name"]

    def __str__(self):
        return self.name

    @property
    def current(self) -> "Country":
        country = self
        while country.successor_id is not None:
            country = country.successor
        return country


class Authority(models.Model):
    """An immigration authority (Ausländerbehörde) responsible for cases."""

    class Kind(models.TextChoices):
        CITY = "kreisfreie_stadt", "Kreisfreie Stadt"
        DISTRICT = "kreis", "Kreis"
        TOWN = "kreisangehoerige_stadt", "Kreisangehörige Stadt"
        CENTRAL = "zentrale_auslaenderbehoerde", "Zentrale Ausländerbehörde"
        OTHER = "sonstige", "Sonstige"

    key = models.SlugField("Kennung", max_length=80, unique=True)
    name = models.CharField("Name", max_length=200, unique=True)
    kind = models.CharField("Art", max_length=40, choices=Kind.choices, default=Kind.OTHER)
    land = models.CharField("Land", max_length=2, default="NW")
    region = models.CharField("Regierungsbezirk", max_length=60, blank=True)
    email = models.EmailField("E-Mail", blank=True)
    address = models.TextField("Anschrift", blank=True)
    active = models.BooleanField("Aktiv", default=True)
    list_position = models.PositiveIntegerField(
        "Stelle in der Liste", default=0, editable=False,
        help_text="Stelle nach dem Namen in deutscher alphabetischer Ordnung (DIN 5007, Ü wie U), "
        "damit die Datenbank auf jedem System gleich sortiert; beim Laden der Register neu gezählt.",
    )

    class Meta:
        verbose_name = "Ausländerbehörde"
        verbose_name_plural = "Ausländerbehörden"
        ordering = ["list_position", "name"]

    def __str__(self):
        return self.name


class ExclusionCatalogue(models.Model):
    """One version of the exclusion grounds (§ 5 HFKVO); a changed regulation is a new row."""

    key = models.SlugField("Version", max_length=60, unique=True)
    land = models.CharField("Land", max_length=2, default="NW")
    title = models.CharField("Bezeichnung", max_length=200)
    valid_from = models.DateField("Gültig ab")
    valid_to = models.DateField("Gültig bis", null=True, blank=True)

    class Meta:
        verbose_name = "Ausschlussgrund-Katalog"
        verbose_name_plural = "Ausschlussgrund-Kataloge"
        ordering = ["land", "-valid_from"]

    def __str__(self):
        return self.title


class ExclusionGround(models.Model):
    class Kind(models.TextChoices):
        MANDATORY = "mandatory", "Zwingend (§ 5 Abs. 1 HFKVO)"
        REGULAR = "regular", "Soll-Ausschlussgrund (§ 5 Abs. 2 HFKVO)"

    catalogue = models.ForeignKey(ExclusionCatalogue, on_delete=models.PROTECT, related_name="grounds")
    code = models.CharField("Kürzel", max_length=10)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    paragraph = models.CharField("Norm", max_length=100)
    label = models.CharField("Bezeichnung", max_length=200)
    text = models.TextField("Wortlaut")

    class Meta:
        verbose_name = "Ausschlussgrund"
        verbose_name_plural = "Ausschlussgründe"
        ordering = ["catalogue", "code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="unique_ground_code_per_catalogue"),
        ]

    def __str__(self):
        return f"{self.code}: {self.label}"
