"""{% state_badge %} writes what the former include wrote, for every state and closure."""

import pytest
from django.template import Context, Engine

from haertefall.cases.models import Case
from haertefall.cases.states import State
from haertefall.cases.templatetags.case_tags import state_badge

FORMER = Engine().from_string('''{% if case.state == "closed" %}<span class="kern-badge kern-badge--{% if case.closure == 'followed' %}success{% else %}warning{% endif %}">{{ case.get_closure_display }}</span>{% else %}<span class="kern-badge kern-badge--info">{{ case.get_state_display }}</span>{% endif %}''')


@pytest.mark.parametrize("state", [s.value for s in State])
@pytest.mark.parametrize("closure", [""] + [c for c, _ in Case._meta.get_field("closure").choices])
def test_badge_equals_the_former_include(state, closure):
    case = Case(state=state, closure=closure)
    assert state_badge(case) == FORMER.render(Context({"case": case})).rstrip("\n")
