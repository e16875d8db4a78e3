from django.apps import AppConfig


class WorklistConfig(AppConfig):
    """Work on many cases at once: saved filters of the case list, its export, bulk actions."""

    name = "haertefall.worklist"
    verbose_name = "Arbeit mit der Fallliste"
