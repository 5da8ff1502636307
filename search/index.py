"""Keeping the search index in step with the records.

API (also for the national-scale generator, which writes in bulk without signals):

* ``rebuild(kinds=None, batch_size=2000) -> dict[str, int]``: re-index every record of the
  given kinds (all by default) in batches, in one transaction; returns the rows per kind.
  A full rebuild on PostgreSQL drops the GIN indexes first and builds them once at the end.
* ``index_object(obj)`` / ``remove_object(obj)``: one record (the signals call them).

Signals (connected in ``SearchConfig.ready``): ``post_save``/``post_delete`` of each
searchable model and of the children that feed a parent's entry (case subjects and
references, event participants), ``m2m_changed`` of their many-to-many fields (set after the
save by the services), and a directive's save re-indexes its items (they show its symbol).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from core.context import is_bulk_loading

from . import backends
from .models import SearchEntry
from .types import BY_KIND, TYPES, Row, SearchType, type_for_model

log = logging.getLogger(__name__)

_FIELDS = (
    "title",
    "title_en",
    "subtitle",
    "url",
    "personal_title",
    "title_text",
    "body_text",
    "personal_text",
    "symbol_key",
)


def _limit(value: str, max_length: int) -> str:
    return value[: max_length - 1] + "…" if len(value) > max_length else value


_LIMITS = {f.name: f.max_length for f in SearchEntry._meta.concrete_fields if getattr(f, "max_length", None)}


def build_entry(search_type: SearchType, row: Row, url: str) -> dict[str, Any]:
    """The column values of one entry. Call it under ``translation.override(LANGUAGE_CODE)``:
    the labels it stores are Vietnamese, the index is one language."""
    data = search_type.build(row)
    entry: dict[str, Any] = {
        "kind": search_type.kind,
        "object_id": row["pk"],
        "owner_unit_id": row.get("owner_unit_id"),
        "owner_unit_path": row.get("owner_unit__path") or "",
        "url": url,
    }
    for name in _FIELDS:
        if name == "url":
            continue
        value = data.get(name) or ""
        if name in _LIMITS:
            value = _limit(str(value), _LIMITS[name])
        entry[name] = value
    return entry


class _Urls:
    """Detail URLs in bulk: reverse() once, then the same pattern with each pk (checked now
    and then against get_absolute_url; any difference and every URL is reversed)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.pattern: tuple[str, str] | None = None
        self.seen = 0

    def __call__(self, pk: int) -> str:
        self.seen += 1
        if self.pattern is not None and self.seen % 1000:
            return f"{self.pattern[0]}{pk}{self.pattern[1]}"
        url = self.model(pk=pk).get_absolute_url()
        marker = f"/{pk}/"
        head, found, tail = url.rpartition(marker)
        pattern = (head + "/", "/" + tail) if found else None
        if self.pattern is not None and pattern != self.pattern:
            pattern = None
        self.pattern = pattern
        return url


def index_object(obj: models.Model) -> None:
    """Write (or rewrite) the entry of one record."""
    search_type = type_for_model(type(obj))
    if search_type is None or obj.pk is None:
        return
    rows = search_type.rows(search_type.queryset().filter(pk=obj.pk))
    if not rows:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = build_entry(search_type, rows[0], obj.get_absolute_url())
    kind, object_id = values.pop("kind"), values.pop("object_id")
    SearchEntry.objects.update_or_create(kind=kind, object_id=object_id, defaults=values)


def remove_object(obj: models.Model) -> None:
    search_type = type_for_model(type(obj))
    if search_type is not None and obj.pk is not None:
        SearchEntry.objects.filter(kind=search_type.kind, object_id=obj.pk).delete()


_COLUMNS = ("kind", "object_id", "owner_unit_id", "owner_unit_path", *_FIELDS, "indexed_at")


def _write(entries: list[dict[str, Any]]) -> None:
    """Append entries: COPY on PostgreSQL, bulk_create elsewhere."""
    if not entries:
        return
    now = timezone.now()
    if connection.vendor == "postgresql":
        sql = f"COPY {backends.TABLE} ({', '.join(_COLUMNS)}) FROM STDIN"
        with connection.cursor() as wrapper, wrapper.cursor.copy(sql) as copy:
            for entry in entries:
                entry["indexed_at"] = now
                copy.write_row([entry[c] for c in _COLUMNS])
    else:
        SearchEntry.objects.bulk_create([SearchEntry(**e) for e in entries], batch_size=500)


def index_queryset(search_type: SearchType, queryset: models.QuerySet, batch_size: int = 2000) -> int:
    """Append entries for the records of ``queryset`` (existing entries are not removed),
    reading them in primary-key batches."""
    count = 0
    last = 0
    urls = _Urls(search_type.model)
    queryset = queryset.order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        while True:
            rows = search_type.rows(queryset.filter(pk__gt=last)[:batch_size])
            if not rows:
                break
            _write([build_entry(search_type, row, urls(row["pk"])) for row in rows])
            count += len(rows)
            last = rows[-1]["pk"]
    return count


def rebuild(kinds: Iterable[str] | None = None, batch_size: int = 2000) -> dict[str, int]:
    """Re-index the given kinds (all by default); returns the number of entries per kind."""
    selected = [BY_KIND[k] for k in kinds] if kinds is not None else list(TYPES)
    full = kinds is None
    counts: dict[str, int] = {}
    with transaction.atomic():
        pg = connection.vendor == "postgresql"
        if full and pg:
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {backends.TABLE}")
                for sql in backends.PG_DROP_INDEXES:
                    cursor.execute(sql)
        elif full:
            SearchEntry.objects.all().delete()
        for search_type in selected:
            if not full:
                SearchEntry.objects.filter(kind=search_type.kind).delete()
            counts[search_type.kind] = index_queryset(search_type, search_type.queryset(), batch_size)
        if full and pg:
            with connection.cursor() as cursor:
                for sql in backends.PG_INDEXES:
                    cursor.execute(sql)
                cursor.execute(f"ANALYZE {backends.TABLE}")
    log.info("search index rebuilt: %s", counts)
    return counts


def reindex_items_of(directive: models.Model) -> None:
    """A directive's items show its symbol: re-index them together."""
    item_type = BY_KIND["directiveitem"]
    items = item_type.queryset().filter(directive=directive)
    SearchEntry.objects.filter(
        kind=item_type.kind, object_id__in=list(items.values_list("pk", flat=True))
    ).delete()
    index_queryset(item_type, items)


# --- signals ------------------------------------------------------------------------------


def _saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or is_bulk_loading():  # a bulk loader (the demo) rebuilds the index at its end
        return
    index_object(instance)
    if sender._meta.label == "instruments.Directive":
        reindex_items_of(instance)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not is_bulk_loading():
        remove_object(instance)


def _m2m(sender: Any, instance: models.Model, action: str, reverse: bool, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or reverse or is_bulk_loading():
        return
    index_object(instance)


def _child_changed(path: str):
    def handler(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
        if raw or is_bulk_loading():
            return
        parent_model = sender._meta.get_field(path).related_model
        parent = parent_model._base_manager.filter(pk=getattr(instance, f"{path}_id")).first()
        if parent is not None:
            index_object(parent)

    return handler


_HANDLERS: list[Any] = []  # strong references: the receivers are local functions


def connect_signals() -> None:
    for search_type in TYPES:
        model = search_type.model
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{search_type.kind}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{search_type.kind}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m,
                sender=field.remote_field.through,
                dispatch_uid=f"search-m2m-{search_type.kind}-{field.name}",
            )
        for label, path in search_type.children.items():
            child = apps.get_model(label)
            handler = _child_changed(path)
            _HANDLERS.append(handler)
            post_save.connect(handler, sender=child, dispatch_uid=f"search-child-save-{label}")
            post_delete.connect(handler, sender=child, dispatch_uid=f"search-child-delete-{label}")
