"""Full-text structures per database: PostgreSQL tsvector + GIN and pg_trgm, SQLite FTS5."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The DDL as of this migration (search.backends holds the copy that rebuild() uses).
PG_COLUMNS = [
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, coalesce(title_text, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(body_text, '')), 'B')) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN personal_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(personal_text, ''))) STORED",
]

PG_INDEXES = [
    'CREATE INDEX IF NOT EXISTS search_entry_document_gin ON search_searchentry USING gin (document)',
    'CREATE INDEX IF NOT EXISTS search_entry_personal_gin ON search_searchentry USING gin (personal_document)',
    'CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_searchentry USING gin (title_text gin_trgm_ops)',
]

PG_DROP = [
    'DROP INDEX IF EXISTS search_entry_document_gin',
    'DROP INDEX IF EXISTS search_entry_personal_gin',
    'DROP INDEX IF EXISTS search_entry_title_trgm',
    'ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document',
    'ALTER TABLE search_searchentry DROP COLUMN IF EXISTS personal_document',
]

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title_text, body_text, personal_text, content='search_searchentry', content_rowid='id')",
    'CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN INSERT INTO search_fts(rowid, title_text, body_text, personal_text) VALUES (new.id, new.title_text, new.body_text, new.personal_text); END',
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN INSERT INTO search_fts(search_fts, rowid, title_text, body_text, personal_text) VALUES ('delete', old.id, old.title_text, old.body_text, old.personal_text); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN INSERT INTO search_fts(search_fts, rowid, title_text, body_text, personal_text) VALUES ('delete', old.id, old.title_text, old.body_text, old.personal_text); INSERT INTO search_fts(rowid, title_text, body_text, personal_text) VALUES (new.id, new.title_text, new.body_text, new.personal_text); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]

SQLITE_DROP = [
    'DROP TRIGGER IF EXISTS search_fts_ai',
    'DROP TRIGGER IF EXISTS search_fts_ad',
    'DROP TRIGGER IF EXISTS search_fts_au',
    'DROP TABLE IF EXISTS search_fts',
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_COLUMNS + PG_INDEXES
    elif vendor == "sqlite":
        statements = SQLITE_CREATE
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_DROP
    elif vendor == "sqlite":
        statements = SQLITE_DROP
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # A no-op outside PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
