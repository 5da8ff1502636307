"""The search index: one row per searchable record, kept in step by signals (search.index).

Derived data, not a business record: it is never read without the visibility filter of the
record's own model (search.query), and the personal text is matched only for readers who may
see the record's personal data.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """Folded, tokenised text of one record, with what a result line needs to show it.

    On PostgreSQL the migration adds two generated ``tsvector`` columns (``document``: title
    weighted A and body B; ``personal_document``) with GIN indexes, and a GIN trigram index on
    ``title_text``; on SQLite an FTS5 table ``search_fts`` mirrors the three text columns
    through triggers. The model does not declare them: the ORM never writes them.
    """

    kind = models.CharField(max_length=24)
    object_id = models.PositiveBigIntegerField()
    # Shown in results (public fields only).
    title = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    subtitle = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    # Shown only to a reader who may see the record's personal data (a person's name).
    personal_title = models.CharField(max_length=300, blank=True)
    # Matched: folded word tokens (core.text.fold, punctuation removed).
    title_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    personal_text = models.TextField(blank=True)
    # Compact document symbol ("50-CTr/ĐUCA" → "50ctrduca"), for any spelling of a symbol.
    symbol_key = models.CharField(max_length=64, blank=True, db_index=True)
    # The unit that decides the personal-data right (the parent's unit for child records).
    owner_unit_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner_unit_path = models.CharField(max_length=255, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title[:60]}"
