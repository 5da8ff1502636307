"""Writes of units and user accounts (reference data, managed by administrators)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import Role
from access.rules import Action, can, can_grant
from core.audit import AuditEvent, audit_record
from core.exceptions import PermissionDenied, ValidationError
from core.history import ChangeAction, record_change, snapshot
from core.services import lock_for_write, record_create, record_delete, record_update, service

from .models import SECOND_FACTOR_BY_DEFAULT, ApiToken, RoleRecord, Unit, User

PATH_STEP = 7  # "000001/"


def _unit_path(unit: Unit) -> str:
    prefix = unit.parent.path if unit.parent_id else ""
    return f"{prefix}{unit.pk:06d}/"


def _check_parent(unit: Unit) -> None:
    parent = unit.parent
    if parent is None:
        return
    if unit.pk and parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("A unit cannot be placed under itself or one of its sub-units.")})


@service
def unit_create(*, actor: Any, data: dict[str, Any]) -> Unit:
    """Create a unit and give it its place in the tree."""
    unit = record_create(actor=actor, model=Unit, data=data)
    unit.path = _unit_path(unit)
    unit.depth = unit.path.count("/") - 1
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@service
def unit_update(*, actor: Any, unit: Unit, data: dict[str, Any], version: int | None) -> Unit:
    """Change a unit; moving it under another parent moves its whole subtree."""
    old_path = Unit.objects.values_list("path", flat=True).get(pk=unit.pk)
    updated = record_update(actor=actor, obj=unit, data=data, version=version, before_save=_check_parent)
    new_path = _unit_path(updated)
    if new_path != old_path:
        Unit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)),
            depth=F("depth") + (new_path.count("/") - old_path.count("/")),
        )
        updated.refresh_from_db()
    return updated


@service
def unit_delete(*, actor: Any, unit: Unit, version: int | None = None) -> None:
    """Delete a unit that has no sub-units, users or records."""
    if unit.children.exists():
        raise ValidationError(_("A unit that still has sub-units cannot be deleted."))
    record_delete(actor=actor, obj=unit, version=version)


@service
def roles_ensure(*, actor: Any = None) -> None:
    """Create any missing role rows (the migration makes them; a test flush removes them)."""
    existing = set(RoleRecord.objects.values_list("code", flat=True))
    for code in set(Role.values) - existing:
        RoleRecord.objects.create(code=code, requires_second_factor=code in SECOND_FACTOR_BY_DEFAULT)


def _check_grant(actor: Any, target: User, clearance: str | None, roles: Iterable[str] | None) -> None:
    role_set = set(roles) if roles is not None else None
    if not can_grant(actor, target, clearance=clearance, roles=role_set):
        raise PermissionDenied(_("Nobody may raise their own clearance or roles."))
    if role_set is not None and not role_set <= set(Role.values):
        raise ValidationError({"roles": _("Invalid role.")})


@service
def user_create(
    *, actor: Any, data: dict[str, Any], roles: Iterable[str], password: str | None = None
) -> User:
    """Create an account with its unit, clearance and roles."""
    roles = list(roles)
    target = User(**data)
    _check_grant(actor, target, data.get("clearance"), roles)

    def set_password(user: User) -> None:
        if password:
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()

    user = record_create(actor=actor, model=User, data=data, m2m={"roles": roles}, before_save=set_password)
    user.refresh_roles()
    _audit_grants(actor, user, old_roles=set(), old_clearance=None)
    return user


def _audit_grants(actor: Any, user: User, *, old_roles: set[str], old_clearance: str | None) -> None:
    """Role and clearance changes are security events of their own (DESIGN.md 4.2)."""
    new_roles = set(user.role_codes)
    if new_roles != old_roles:
        audit_record(
            AuditEvent.ROLE_CHANGE,
            actor=actor,
            target=user,
            extra={"before": sorted(old_roles), "after": sorted(new_roles)},
        )
    if user.clearance != old_clearance:
        audit_record(
            AuditEvent.CLEARANCE_CHANGE,
            actor=actor,
            target=user,
            extra={"before": old_clearance, "after": user.clearance},
        )


@service
def user_update(
    *,
    actor: Any,
    user: User,
    data: dict[str, Any],
    version: int | None,
    roles: Iterable[str] | None = None,
) -> User:
    """Change an account; clearance and role changes are checked against the actor."""
    roles = list(roles) if roles is not None else None
    _check_grant(actor, user, data.get("clearance"), roles)
    old_roles = set(user.roles.values_list("code", flat=True))
    old_clearance = User.objects.values_list("clearance", flat=True).get(pk=user.pk)
    updated = record_update(
        actor=actor,
        obj=user,
        data=data,
        version=version,
        m2m={"roles": roles} if roles is not None else None,
    )
    updated.refresh_roles()
    _audit_grants(actor, updated, old_roles=old_roles, old_clearance=old_clearance)
    return updated


@service
def user_set_password(*, actor: Any, user: User, password: str) -> User:
    """Set a password: administrators for any account, a user for their own."""
    if not (can(actor, Action.CHANGE, User) or getattr(actor, "pk", None) == user.pk):
        raise PermissionDenied(_("You do not have permission to change the password of this account."))
    current = lock_for_write(actor, user)
    validate_password(password, current)
    current.set_password(password)
    current.save(update_fields=["password"])
    record_change(
        action=ChangeAction.UPDATE,
        obj=current,
        before=snapshot(current),
        after=snapshot(current),
        actor=actor,
        message=_("Password changed"),
    )
    audit_record(AuditEvent.PASSWORD_CHANGE, actor=actor, target=current)
    return current


@service
def user_delete(*, actor: Any, user: User, version: int | None = None) -> None:
    """Delete an account (deactivating is usually better: history keeps its name)."""
    if getattr(actor, "pk", None) == user.pk:
        raise PermissionDenied(_("You cannot delete your own account."))
    record_delete(actor=actor, obj=user, version=version)


# Personal API tokens (docs/security.md, "Authentication").
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = 365
API_TOKEN_MAX_ACTIVE = 20
API_TOKEN_KEY_PREFIX = "hpt_"
API_TOKEN_PREFIX_LENGTH = 12  # "hpt_" and 8 random characters, shown on the page
# last_used_at is written at most this often, not on every request.
API_TOKEN_TOUCH_EVERY = datetime.timedelta(minutes=1)


def api_token_hash(key: str) -> str:
    """The stored form of a secret: SHA-256 is enough for 256 random bits (no salt needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=API_TOKEN_DEFAULT_DAYS)


@service
def api_token_create(
    *, actor: Any, name: str, expires_on: datetime.date | None = None
) -> tuple[ApiToken, str]:
    """Issue a token to the actor; returns it with its secret, which is never stored or shown again.

    The caller (the account page) makes sure the session passed the second factor when the
    actor's role requires one; there is no API endpoint that issues tokens.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Only a signed-in user may create an API token."))
    name = (name or "").strip()
    now = timezone.now()
    today = timezone.localdate(now)
    if expires_on is None:
        expires_on = today + datetime.timedelta(days=API_TOKEN_DEFAULT_DAYS)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name that says where it is used.")
    if expires_on <= today:
        errors["expires_on"] = _("The expiry date must be after today.")
    elif expires_on > today + datetime.timedelta(days=API_TOKEN_MAX_DAYS):
        errors["expires_on"] = _("A token may be valid for one year at most.")
    if errors:
        raise ValidationError(errors)
    active = ApiToken.objects.filter(user=actor, revoked_at__isnull=True, expires_at__gt=now).count()
    if active >= API_TOKEN_MAX_ACTIVE:
        raise ValidationError(
            _("You already have {} valid tokens; revoke one you no longer use.").format(active)
        )
    key = API_TOKEN_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        prefix=key[:API_TOKEN_PREFIX_LENGTH],
        key_hash=api_token_hash(key),
        expires_at=now + datetime.timedelta(days=(expires_on - today).days),
    )
    token.full_clean()
    token.save()
    audit_record(
        AuditEvent.API_TOKEN_CREATED,
        actor=actor,
        target=actor,
        extra={
            "token": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, key


@service
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token at once: its owner, or an administrator (a lost laptop, a leaver)."""
    if getattr(actor, "pk", None) != token.user_id and not can(actor, Action.CHANGE, User):
        raise PermissionDenied(_("You may not revoke another user's token."))
    current = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if current.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    current.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    audit_record(
        AuditEvent.API_TOKEN_REVOKED,
        actor=actor,
        target=current.user,
        extra={"token": current.pk, "name": current.name, "prefix": current.prefix},
    )
    return current


def api_token_find(key: str) -> ApiToken | None:
    """The valid token with this secret (not revoked, not expired), with its user; else None."""
    if not key.startswith(API_TOKEN_KEY_PREFIX) or len(key) > 100:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(key), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def api_token_record_use(token: ApiToken) -> None:
    """Record that the token was used: at most once a minute, so a client's burst writes once
    (and a request in between opens no transaction)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_TOUCH_EVERY:
        _api_token_touch(token=token, now=now)


@service
def _api_token_touch(*, token: ApiToken, now: datetime.datetime) -> None:
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
