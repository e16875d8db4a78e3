"""Shared steps for the real-browser tests: log in, check accessibility with axe-core."""

from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

_axe = Axe()


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def assert_accessible(page, *, context: str = "") -> None:
    """Fail with the list of axe-core violations (WCAG 2.1 A/AA rules) on the current page."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = results.response.get("violations", [])
    if violations:
        lines = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in violations]
        raise AssertionError(f"axe-core violations on {context or page.url}:\n" + "\n".join(lines))
