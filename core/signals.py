"""Authentication events into the audit log (connected in CoreConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import AuditEvent, audit_record
from .context import client_ip_context


def _ip(request: Any) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in, dispatch_uid="hoptac_audit_login")
def on_login(sender, request=None, user=None, **kwargs):
    with client_ip_context(_ip(request)):
        audit_record(AuditEvent.LOGIN, actor=user)


@receiver(user_logged_out, dispatch_uid="hoptac_audit_logout")
def on_logout(sender, request=None, user=None, **kwargs):
    if user is not None:
        with client_ip_context(_ip(request)):
            audit_record(AuditEvent.LOGOUT, actor=user)


@receiver(user_login_failed, dispatch_uid="hoptac_audit_login_failed")
def on_login_failed(sender, credentials=None, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))[:150]
    with client_ip_context(_ip(request)):
        audit_record(AuditEvent.LOGIN_FAILED, actor_name=username, extra={"username": username})


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    with client_ip_context(ip_address or _ip(request)):
        audit_record(AuditEvent.LOCKOUT, actor_name=str(username or "")[:150], extra={"username": username})


def connect() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="hoptac_audit_lockout")
