"""``can(user, action, obj)``: the role table of DESIGN.md section 1, in one place.

Visibility is decided first by ``visible_to`` (404); ``can`` decides what a user who sees a
record may do with it (403). Reference data has its own, simpler rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from .choices import Role, level_rank


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    ASSIGN = "assign"
    APPROVE = "approve"
    EXPORT = "export"
    VIEW_PERSONAL = "view_personal"
    EXPORT_PERSONAL = "export_personal"
    RAISE_ESCALATION = "raise_escalation"
    ANSWER_ESCALATION = "answer_escalation"
    DECIDE_ESCALATION = "decide_escalation"
    # Lower, lift or extend a classification (raising is CHANGE).
    DECLASSIFY = "declassify"


CONTENT_ROLES = frozenset(
    {Role.VIEWER, Role.OFFICER, Role.UNIT_HEAD, Role.COORDINATOR, Role.LEADERSHIP, Role.ADMINISTRATOR}
)
EXPORT_ROLES = frozenset({Role.OFFICER, Role.UNIT_HEAD, Role.COORDINATOR, Role.LEADERSHIP})


def owner_unit_of(obj: Any):
    """The unit that owns a record; child records answer with their parent's."""
    parent_field = getattr(obj, "access_parent", None)
    while parent_field:
        obj = getattr(obj, parent_field)
        parent_field = getattr(obj, "access_parent", None)
    return getattr(obj, "owner_unit", None)


def _in_subtree(user: Any, obj: Any) -> bool:
    """True for a class or unsaved form target (no unit yet) and for records in the subtree."""
    if obj is None or isinstance(obj, type):
        return True
    unit = owner_unit_of(obj)
    return unit is not None and user.unit is not None and unit.path.startswith(user.unit.path)


def _own_unit(user: Any, obj: Any) -> bool:
    if obj is None or isinstance(obj, type):
        return True
    unit = owner_unit_of(obj)
    return unit is not None and unit.pk == user.unit_id


def _is_reference(obj: Any) -> bool:
    from .registry import registry

    model = obj if isinstance(obj, type) else obj._meta.model
    entry = registry.get(model)
    return entry is not None and entry.kind == "reference"


def can(user: Any, action: str, obj: Any = None) -> bool:
    """May ``user`` do ``action`` on ``obj`` (an instance, a model class, or None)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = user.role_codes
    if obj is not None and _is_reference(obj):
        return _can_reference(user, roles, action, obj)
    if action == Action.VIEW:
        return bool(roles & CONTENT_ROLES)
    if action in (Action.ADD, Action.CHANGE):
        if Role.COORDINATOR in roles:
            return True
        return bool(roles & {Role.OFFICER, Role.UNIT_HEAD}) and _in_subtree(user, obj)
    if action == Action.DELETE:
        if Role.COORDINATOR in roles:
            return True
        if Role.UNIT_HEAD in roles and _in_subtree(user, obj):
            return True
        if Role.OFFICER in roles:
            if obj is None or isinstance(obj, type):
                return True
            return bool(
                getattr(obj, "is_draft", False) and obj.created_by_id == user.pk and _in_subtree(user, obj)
            )
        return False
    if action in (Action.ASSIGN, Action.APPROVE):
        if roles & {Role.COORDINATOR, Role.LEADERSHIP}:
            return True
        return Role.UNIT_HEAD in roles and _in_subtree(user, obj)
    if action == Action.EXPORT:
        return bool(roles & EXPORT_ROLES)
    if action == Action.VIEW_PERSONAL:
        if roles & {Role.COORDINATOR, Role.LEADERSHIP}:
            return True
        if Role.UNIT_HEAD in roles and _in_subtree(user, obj):
            return True
        return Role.OFFICER in roles and _own_unit(user, obj)
    if action == Action.EXPORT_PERSONAL:
        if Role.COORDINATOR in roles:
            return True
        return Role.UNIT_HEAD in roles and _in_subtree(user, obj)
    if action == Action.RAISE_ESCALATION:
        return bool(roles & {Role.OFFICER, Role.UNIT_HEAD})
    if action == Action.ANSWER_ESCALATION:
        return Role.COORDINATOR in roles
    if action == Action.DECIDE_ESCALATION:
        return Role.LEADERSHIP in roles
    if action == Action.DECLASSIFY:
        return _may_declassify(user, roles, obj)
    return False


def classifying_unit_of(obj: Any):
    """The authority that classified a record; the owner unit where none was recorded."""
    parent_field = getattr(obj, "access_parent", None)
    while parent_field:
        obj = getattr(obj, parent_field)
        parent_field = getattr(obj, "access_parent", None)
    return getattr(obj, "classifying_unit", None) or getattr(obj, "owner_unit", None)


def _may_declassify(user: Any, roles: frozenset[str], obj: Any) -> bool:
    """Law 117/2025: the classifying authority or its superior lowers, lifts or extends a
    classification: the head of the classifying unit or of a unit above it, or the leadership."""
    if Role.LEADERSHIP in roles:
        return True
    if Role.UNIT_HEAD not in roles or user.unit is None:
        return False
    if obj is None or isinstance(obj, type):
        return True
    unit = classifying_unit_of(obj)
    return unit is not None and unit.path.startswith(user.unit.path)


def _can_reference(user: Any, roles: frozenset[str], action: str, obj: Any) -> bool:
    """Reference data: every signed-in user reads it; its editors change it."""
    from .registry import registry

    model = obj if isinstance(obj, type) else obj._meta.model
    entry = registry.get(model)
    if action == Action.VIEW:
        return True
    if action == Action.EXPORT:
        return bool(roles & (EXPORT_ROLES | {Role.ADMINISTRATOR}))
    if action in (Action.ADD, Action.CHANGE, Action.DELETE):
        return bool(roles & set(entry.editor_roles))
    return False


def can_grant(actor: Any, target: Any, *, clearance: str | None, roles: set[str] | None) -> bool:
    """Accounts: administrators manage them, and nobody raises their own clearance or roles."""
    if not can(actor, Action.CHANGE, target._meta.model):
        return False
    if target.pk is not None and target.pk == actor.pk:
        if clearance is not None and level_rank(clearance) > level_rank(actor.clearance):
            return False
        if roles is not None and not set(roles) <= set(actor.role_codes):
            return False
    return True
