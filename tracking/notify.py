"""In-app notifications (and their e-mail): one function, idempotent by key.

Every sender names a ``key`` that is unique per recipient and occasion ("due_soon:42:3:2026-12-01"),
so a restarted or doubled worker, or a service run twice, never notifies twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from access.choices import Role, level_rank
from core.context import service_scope

from .models import Notification


def recipients(unit: Any, roles: Iterable[str]) -> list[Any]:
    """Active users of exactly ``unit`` holding one of ``roles``."""
    from org.models import User

    if unit is None:
        return []
    return list(User.objects.filter(unit=unit, is_active=True, roles__code__in=list(roles)).distinct())


def unit_staff(unit: Any) -> list[Any]:
    return recipients(unit, (Role.OFFICER, Role.UNIT_HEAD))


def unit_heads(unit: Any) -> list[Any]:
    return recipients(unit, (Role.UNIT_HEAD,))


def coordinators() -> list[Any]:
    from org.models import User

    return list(User.objects.filter(is_active=True, roles__code=Role.COORDINATOR).distinct())


def leadership() -> list[Any]:
    from org.models import User

    return list(User.objects.filter(is_active=True, roles__code=Role.LEADERSHIP).distinct())


def notify(
    users: Iterable[Any],
    *,
    kind: str,
    title: str,
    key: str,
    url: str = "",
    body: str = "",
    classification: str = "thuong",
) -> list[Notification]:
    """Create one notification per user unless that user already has ``key``; mail the new ones.

    Users whose clearance is below ``classification`` (the level of the record the notice is
    about) are skipped: nobody learns the title of what they may not open.
    """
    created: list[Notification] = []
    rank = level_rank(classification)
    with service_scope():
        for user in {u.pk: u for u in users}.values():
            if level_rank(user.clearance) < rank:
                continue
            if Notification.objects.filter(recipient=user, key=key).exists():
                continue
            try:
                with transaction.atomic():
                    note = Notification.objects.create(
                        recipient=user, kind=kind, title=title[:300], body=body, url=url, key=key[:200]
                    )
            except IntegrityError:  # a concurrent worker got there first
                continue
            created.append(note)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _mail(ids))
    return created


def _mail(ids: list[int]) -> None:
    """Send the e-mail of new notifications (console backend in the demo) and mark them sent."""
    with service_scope():
        for note in Notification.objects.filter(pk__in=ids, emailed=False).select_related("recipient"):
            if note.recipient.email:
                send_mail(
                    subject=f"[hoptac] {note.title}",
                    message=(note.body + "\n\n" + note.url).strip(),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[note.recipient.email],
                    fail_silently=True,
                )
            Notification.objects.filter(pk=note.pk).update(emailed=True)
