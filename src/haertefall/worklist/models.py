from django.conf import settings
from django.db import models

NAME_MAX_LENGTH = 80


class SavedFilter(models.Model):
    """A filter of the case list a user saved under a name; only its owner sees and uses it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_case_filters",
                             verbose_name="Benutzer/in")
    name = models.CharField("Name", max_length=NAME_MAX_LENGTH)
    # The list's filter parameters (as the filter form names them), never an address: a search
    # text may be a name and stays out of addresses (decision 0097).
    query = models.JSONField("Filter", default=dict)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)

    class Meta:
        verbose_name = "Gespeicherter Filter"
        verbose_name_plural = "Gespeicherte Filter"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="unique_saved_filter_name_per_user"),
        ]

    def __str__(self):
        return self.name
