"""Writes of the meetings app: commission composition, planning, decisions, minutes."""

from .decisions import attendance_record, item_decide
from .members import (
    commission_create,
    membership_add,
    prescreen_committee_set,
    prescreen_seat_set,
    seat_create,
)
from .minutes import minutes_approve
from .planning import (
    agenda_item_add,
    agenda_item_remove,
    meeting_cancel,
    meeting_invite,
    meeting_plan,
    meeting_update,
)
from .session_documents import agenda_item_documents_set

__all__ = [
    "agenda_item_add",
    "agenda_item_documents_set",
    "agenda_item_remove",
    "attendance_record",
    "commission_create",
    "item_decide",
    "meeting_cancel",
    "meeting_invite",
    "meeting_plan",
    "meeting_update",
    "membership_add",
    "minutes_approve",
    "prescreen_committee_set",
    "prescreen_seat_set",
    "seat_create",
]
