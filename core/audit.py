"""The audit log: append an event to the hash chain, and verify the chain.

Each entry stores the previous entry's hash and an HMAC of its own canonical content
(keyed with HOPTAC_AUDIT_KEY), so an edited, deleted or inserted row breaks the chain.
Appends lock the single ``AuditHead`` row, so concurrent writers on PostgreSQL queue up
instead of forking the chain; on SQLite the write lock does the same.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from .context import current_client_ip, current_request_id
from .models import AuditEntry, AuditEvent, AuditHead

GENESIS = "0" * 64

__all__ = ["GENESIS", "AuditEvent", "audit_record", "verify_chain"]


def _key() -> bytes:
    return (getattr(settings, "HOPTAC_AUDIT_KEY", "") or settings.SECRET_KEY).encode()


def canonical(entry: AuditEntry) -> bytes:
    """The entry's content as stable bytes: sorted keys, UTC time, no whitespace."""
    content = {
        "time": entry.time.astimezone(datetime.UTC).isoformat(),
        "event": entry.event,
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "ip_address": entry.ip_address,
        "request_id": str(entry.request_id) if entry.request_id else None,
        "target_type_id": entry.target_type_id,
        "target_id": entry.target_id,
        "target_repr": entry.target_repr,
        "extra": entry.extra,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hmac.new(_key(), canonical(entry), hashlib.sha256).hexdigest()


def _lock_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def audit_record(
    event: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    extra: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> AuditEntry:
    """Append one event, in the caller's transaction when there is one."""
    with transaction.atomic():
        head = _lock_head()
        entry = AuditEntry(
            time=timezone.now(),
            event=event,
            actor_id=getattr(actor, "pk", None),
            actor_name=(actor_name if actor_name is not None else getattr(actor, "username", "")) or "",
            ip_address=current_client_ip(),
            request_id=current_request_id(),
            target_type=ContentType.objects.get_for_model(target._meta.model) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            target_repr=str(target)[:255] if target is not None else "",
            extra=json.loads(json.dumps(extra or {}, default=str)),
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry_hash(entry)
        entry._appending = True
        entry.save()
        AuditHead.objects.filter(pk=1).update(last_hash=entry.entry_hash)
    return entry


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify_chain() -> ChainReport:
    """Walk the chain in order; report the first entry whose link or hash is wrong."""
    previous = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        if entry.prev_hash != previous:
            return ChainReport(
                False,
                checked,
                entry.pk,
                "previous hash does not match: an entry before it was removed or inserted",
            )
        if not hmac.compare_digest(entry_hash(entry), entry.entry_hash):
            return ChainReport(
                False, checked, entry.pk, "content does not match its hash: the entry was changed"
            )
        previous = entry.entry_hash
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        return ChainReport(
            False, checked, None, "the chain ends before its recorded head: the last entries were removed"
        )
    return ChainReport(True, checked)


def audit_refused(user: Any, model: type[models.Model], pk: Any, reason: str) -> None:
    """Record a refused access to a record that exists (a missing one is just a 404)."""
    try:
        obj = model._base_manager.filter(pk=pk).first()
    except (TypeError, ValueError):
        return
    if obj is not None:
        audit_record(AuditEvent.ACCESS_REFUSED, actor=user, target=obj, extra={"reason": reason})


def audit_opened(user: Any, obj: models.Model, channel: str) -> None:
    """Record the opening of a record classified mat or above (detail, API, download)."""
    level = getattr(obj, "classification", None)
    if level and level != "thuong":
        audit_record(
            AuditEvent.CLASSIFIED_VIEW,
            actor=user,
            target=obj,
            extra={"channel": channel, "classification": level},
        )
