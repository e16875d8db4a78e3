"""Permission rows for the retention periods (configuration: administration edits, DPO reads).

kwargs: the RetentionRule for "followed" (created by migration retention/0002).
"""

ALL = ("office", "office_head", "member", "authority", "ministry", "dpo", "admin")


def _rule(world):
    from haertefall.retention.models import RetentionRule

    return {"pk": RetentionRule.objects.get(closure="followed").pk}


ROWS = [
    {"name": "retention:rules", "kwargs": None, "method": "get",
     "expect": {**{r: 403 for r in ALL}, "admin": 200, "dpo": 200, "anonymous": 302}},
    {"name": "retention:rule_edit", "kwargs": _rule, "method": "get",
     "expect": {**{r: 403 for r in ALL}, "admin": 200, "anonymous": 302}},
    {"name": "retention:rule_edit", "kwargs": _rule, "method": "post", "data": {"years": 11},
     "expect": {**{r: 403 for r in ALL}, "admin": 302, "anonymous": 302}},
]

ROWS += [
    {"name": "retention-api:rules-list", "kwargs": None, "method": "get",
     "expect": {**{r: 403 for r in ALL}, "admin": 200, "dpo": 200, "anonymous": 403}},
    {"name": "retention-api:rules-detail", "kwargs": _rule, "method": "patch", "data": {"years": 12},
     "expect": {**{r: 403 for r in ALL}, "admin": 200, "anonymous": 403}},
]
