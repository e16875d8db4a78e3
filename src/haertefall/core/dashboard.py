"""Work queues on the start page, collected from the parts of the procedure."""

from importlib import import_module

# Each module offers `panels(user) -> list[dict(title, items, url, empty_text)]`.
PANEL_PROVIDERS = [
    "haertefall.cases.dashboard",
    "haertefall.meetings.dashboard",
    "haertefall.authorities.dashboard",
]


def dashboard_panels(user) -> list[dict]:
    panels = []
    for path in PANEL_PROVIDERS:
        try:
            module = import_module(path)
        except ModuleNotFoundError:
            continue
        panels.extend(module.panels(user))
    return panels
