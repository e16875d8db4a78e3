"""What the case page shows of the other parts of the procedure.

The case file owns only some steps (``states.STEP_OWNER``). For the others the case page links
to the owning part's page, and it lists what those parts hold for the case (statements,
requests, letters, sessions). Each part offers a module ``haertefall.<part>.casefile`` with

- ``step_links(*, case, user, keys) -> list[entry]`` for the foreign step keys allowed now,
  entry = {"keys": [...], "title", "hint", "links": [{"label", "url"}],
           "posts": [{"label", "url", "fields": {name: value}}]};
- ``sections(*, case, user) -> list[section]``, section = {"id", "title", "rows":
  [{"label", "url", "text"}], "links": [{"label", "url"}], "empty_text"}, only with what the
  user may see (each part uses its own access functions).

Parts not merged into a deployment are skipped, as in ``core.dashboard``.
"""

from importlib import import_module

from .steps import foreign_steps_for

CASE_FILE_PROVIDERS = [
    "haertefall.authorities.casefile",
    "haertefall.meetings.casefile",
    "haertefall.correspondence.casefile",
]


def _providers():
    for path in CASE_FILE_PROVIDERS:
        try:
            yield path.split(".")[1], import_module(path)
        except ModuleNotFoundError:
            continue


def foreign_step_links(*, case, user) -> list[dict]:
    """One entry per foreign step (or group of steps on the same page) allowed now."""
    foreign = foreign_steps_for(case)
    entries, covered = [], set()
    for part, module in _providers():
        keys = [f.key for f in foreign if f.owner == part]
        if keys:
            for entry in module.step_links(case=case, user=user, keys=keys):
                entries.append(entry)
                covered.update(entry["keys"])
    for f in foreign:
        if f.key not in covered:
            entries.append({"keys": [f.key], "title": f.label, "hint": f"Wird {f.where} erfasst.",
                            "links": [], "posts": []})
    order = {f.key: i for i, f in enumerate(foreign)}
    return sorted(entries, key=lambda e: min(order.get(k, 99) for k in e["keys"]))


def case_file_links(*, case, user) -> list[dict]:
    sections = []
    for _part, module in _providers():
        sections.extend(module.sections(case=case, user=user))
    return sections
