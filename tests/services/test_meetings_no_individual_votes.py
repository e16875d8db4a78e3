"""Confidentiality of the vote (§ 6 Abs. 2 Satz 5 HFKVO): counts only, never who voted how."""

from django.apps import apps
from django.conf import settings

from haertefall.meetings.models import AgendaItem, ItemVote

PEOPLE = {settings.AUTH_USER_MODEL.lower(), "meetings.seat", "meetings.membership", "meetings.prescreenseat",
          "meetings.attendance", "meetings.invitation", "meetings.itemexclusion"}


def _related(model):
    return {f.related_model._meta.label_lower for f in model._meta.get_fields()
            if f.is_relation and f.related_model is not None and (f.many_to_one or f.one_to_one or f.many_to_many)
            and f.concrete}


def test_vote_record_has_no_relation_to_a_person_or_seat():
    assert _related(ItemVote) == {AgendaItem._meta.label_lower}


def test_no_model_of_the_app_links_a_person_or_seat_to_a_vote_count():
    vote_fields = {"yes", "no", "abstain"}
    for model in apps.get_app_config("meetings").get_models():
        names = {f.name for f in model._meta.get_fields()}
        if names & vote_fields or "vote" in model._meta.model_name:
            assert not (_related(model) & PEOPLE), f"{model.__name__} links a person or seat to a vote"
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is ItemVote:
                assert not (_related(model) & PEOPLE), f"{model.__name__} links a person to a vote"
