"""The audit log: append an event to the hash chain, and verify the chain.

Each entry stores the previous entry's hash and an HMAC of its own canonical content
(keyed with HOPTAC_AUDIT_KEY), so an edited, deleted or inserted row breaks the chain.

There are ``HOPTAC_AUDIT_CHAINS`` chains (default 8), each with its ``AuditHead`` row. An append
locks the head of a chain no one else is appending to (``SELECT ... FOR UPDATE SKIP LOCKED`` on
PostgreSQL) and waits only when every chain is busy: with one chain, every classified read of
every user queued behind the others' transactions. The entry is written in the caller's
transaction, so it is committed before the answer is sent. ``verify_chain`` walks every chain.
SQLite has one writer at a time anyway: there, everything goes to chain 0.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
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


def chain_count() -> int:
    return max(1, int(getattr(settings, "HOPTAC_AUDIT_CHAINS", 8)))


def _lock_head() -> AuditHead:
    """Lock the head of a free chain, this connection's last one first (so the appends of one
    transaction stay on one chain); wait for one only when every chain is busy."""
    count = chain_count() if connection.features.has_select_for_update_skip_locked else 1
    preferred = getattr(connection, "_hoptac_audit_head", None) or 1 + os.getpid() % count
    preferred = preferred if preferred <= count else 1
    heads = AuditHead.objects.filter(pk__lte=count)
    head = None
    if count > 1:
        free = heads.select_for_update(skip_locked=True)
        # A row this transaction already locked is not skipped: a transaction keeps its chain.
        head = free.filter(pk=preferred).first() or free.order_by("?").first()
    if head is None:
        # Every chain busy (or one chain, as on SQLite): queue on this connection's own.
        head = AuditHead.objects.select_for_update().filter(pk=preferred).first()
    if head is None:  # the heads are made on the first append
        AuditHead.objects.bulk_create(
            [AuditHead(pk=n, last_hash=GENESIS) for n in range(1, count + 1)], ignore_conflicts=True
        )
        head = AuditHead.objects.select_for_update().get(pk=preferred)
    connection._hoptac_audit_head = head.pk
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
            chain=head.pk - 1,
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry_hash(entry)
        entry._appending = True
        entry.save()
        AuditHead.objects.filter(pk=head.pk).update(last_hash=entry.entry_hash)
    return entry


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify_chain() -> ChainReport:
    """Walk every chain in order; report the first entry whose link or hash is wrong, or a
    chain that ends before its recorded head."""
    previous: dict[int, str] = {}
    checked = 0
    for entry in AuditEntry.objects.order_by("chain", "pk").iterator(chunk_size=2000):
        if entry.prev_hash != previous.get(entry.chain, GENESIS):
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
        previous[entry.chain] = entry.entry_hash
        checked += 1
    heads = list(AuditHead.objects.order_by("pk"))
    for chain in sorted(set(previous) - {head.pk - 1 for head in heads}):
        return ChainReport(False, checked, None, f"chain {chain} has no recorded head: it was removed")
    for head in heads:
        if head.last_hash != previous.get(head.pk - 1, GENESIS):
            return ChainReport(
                False,
                checked,
                None,
                f"chain {head.pk - 1} ends before its recorded head: the last entries were removed",
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
