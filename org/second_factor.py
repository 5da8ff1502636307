"""The optional TOTP second factor (django-otp) with recovery codes, and its policy.

A user needs a second factor when they have a confirmed device or one of their roles
requires it (administrators set that per role). Every change goes through the services
here and is audited.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.rules import Action, can
from core.audit import AuditEvent, audit_record
from core.exceptions import PermissionDenied, ValidationError
from core.services import record_update, service

from .models import RoleRecord, User

RECOVERY_CODES = 10


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def role_requires_second_factor(user: User) -> bool:
    return user.roles.filter(requires_second_factor=True).exists()


def second_factor_needed(user: User) -> bool:
    """True when this user must present a one-time code after the password."""
    return has_second_factor(user) or role_requires_second_factor(user)


@service
def totp_setup_start(*, actor: User) -> TOTPDevice:
    """A fresh unconfirmed TOTP device for the actor (replacing an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name="hoptac", confirmed=False)


@service
def totp_setup_confirm(*, actor: User, token: str) -> list[str]:
    """Confirm the device with a first code; returns new recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None:
        raise ValidationError({"token": _("Start the set-up again: no device is waiting for confirmation.")})
    if not device.verify_token(str(token).strip().replace(" ", "")):
        raise ValidationError(
            {"token": _("The code is not correct. Check the time on your phone and try again.")}
        )
    TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = _new_recovery_codes(actor)
    audit_record(AuditEvent.SECOND_FACTOR_ENABLED, actor=actor, target=actor)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        static.token_set.create(token=code)
    return codes


@service
def recovery_codes_regenerate(*, actor: User) -> list[str]:
    """Replace the actor's recovery codes (the old ones stop working)."""
    if not has_second_factor(actor):
        raise ValidationError(_("Set up the second factor first."))
    codes = _new_recovery_codes(actor)
    audit_record(
        AuditEvent.SECOND_FACTOR_ENABLED, actor=actor, target=actor, extra={"recovery_codes": "renewed"}
    )
    return codes


@service
def second_factor_remove(*, actor: Any, user: User) -> None:
    """Remove a user's devices: the user (unless a role requires it) or an administrator (reset)."""
    is_admin = can(actor, Action.CHANGE, User) and getattr(actor, "pk", None) != user.pk
    if not is_admin:
        if getattr(actor, "pk", None) != user.pk:
            raise PermissionDenied(_("You may not change another user's second factor."))
        if role_requires_second_factor(user):
            raise ValidationError(_("Your role requires a second factor; it cannot be removed."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(AuditEvent.SECOND_FACTOR_DISABLED, actor=actor, target=user)


def verify_second_factor(user: User, token: str) -> Any:
    """The device that accepts ``token`` (TOTP code or recovery code), or None (audited)."""
    token = str(token).strip().replace(" ", "")
    with transaction.atomic():
        for device in list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
            StaticDevice.objects.filter(user=user, confirmed=True)
        ):
            if device.verify_token(token):
                return device
        audit_record(AuditEvent.SECOND_FACTOR_FAILED, actor=user)
    return None


@service
def role_update(*, actor: Any, obj: RoleRecord, data: dict[str, Any], version: int | None) -> RoleRecord:
    """Change a role's security policy (administrators); audited and kept in history."""
    before = obj.requires_second_factor
    updated = record_update(
        actor=actor,
        obj=obj,
        data={"requires_second_factor": bool(data.get("requires_second_factor", before))},
        version=version,
    )
    if updated.requires_second_factor != before:
        audit_record(
            AuditEvent.SECURITY_POLICY_CHANGE,
            actor=actor,
            target=updated,
            extra={"requires_second_factor": updated.requires_second_factor},
        )
    return updated
