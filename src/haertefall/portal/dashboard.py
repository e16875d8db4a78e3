"""Work queues on the start page, collected from the parts of the procedure."""

from haertefall.authorities import dashboard as authorities_dashboard
from haertefall.cases import dashboard as cases_dashboard
from haertefall.meetings import dashboard as meetings_dashboard


def dashboard_panels(user) -> list[dict]:
    """Each part's ``panels(user) -> list[dict(title, items, url, empty_text)]``, in this order."""
    panels = []
    for part in (cases_dashboard, meetings_dashboard, authorities_dashboard):
        panels.extend(part.panels(user))
    return panels
