"""Database-specific parts of the search: the DDL of the full-text structures and the query.

PostgreSQL: generated ``tsvector`` columns with GIN indexes (full text, ``simple``
configuration: the text is already folded, no stemming suits Vietnamese) and a GIN trigram
index (pg_trgm) on the title words for near matches. SQLite: an FTS5 table over the same
words, kept in step by triggers. Both read the same folded tokens (search.types.tokens).
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "search_searchentry"
FTS = "search_fts"

PG_DOCUMENT = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_text, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_text, '')), 'B')"
)
PG_PERSONAL = "to_tsvector('simple'::regconfig, coalesce(personal_text, ''))"

PG_COLUMNS = [
    f"ALTER TABLE {TABLE} ADD COLUMN document tsvector GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED",
    f"ALTER TABLE {TABLE} ADD COLUMN personal_document tsvector GENERATED ALWAYS AS ({PG_PERSONAL}) STORED",
]
PG_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS search_entry_document_gin ON {TABLE} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS search_entry_personal_gin ON {TABLE} USING gin (personal_document)",
    f"CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON {TABLE} USING gin (title_text gin_trgm_ops)",
]
PG_DROP_INDEXES = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "DROP INDEX IF EXISTS search_entry_personal_gin",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
]
PG_DROP_COLUMNS = [
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS document",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS personal_document",
]

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"title_text, body_text, personal_text, content='{TABLE}', content_rowid='id')",
    f"CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, title_text, body_text, personal_text) "
    "VALUES (new.id, new.title_text, new.body_text, new.personal_text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_text, body_text, personal_text) "
    "VALUES ('delete', old.id, old.title_text, old.body_text, old.personal_text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_text, body_text, personal_text) "
    "VALUES ('delete', old.id, old.title_text, old.body_text, old.personal_text); "
    f"INSERT INTO {FTS}(rowid, title_text, body_text, personal_text) "
    "VALUES (new.id, new.title_text, new.body_text, new.personal_text); END",
    # Entries written before the table existed.
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def backend_name(connection: BaseDatabaseWrapper) -> str:
    """Which path a search takes on this connection (the tests assert it)."""
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite":
        return "sqlite-fts5"
    raise NotImplementedError(f"No search backend for {connection.vendor}")


def _pg_tsquery(words: list[str]) -> str:
    """Every word, the last one as a prefix (the reader may still be typing it).

    Words are folded letters and digits only (search.types.tokens): safe inside quotes.
    """
    return " & ".join(f"'{w}'" for w in words[:-1]) + (" & " if len(words) > 1 else "") + f"'{words[-1]}':*"


def _fts_query(words: list[str], columns: str) -> str:
    terms = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    return f"{{{columns}}} : ({terms.strip()})"


NOBODY = "1 = 0"
EVERYWHERE = "1 = 1"


def hits_sql(
    connection: BaseDatabaseWrapper,
    *,
    words: list[str],
    phrase: str,
    symbol: str,
    personal_sql: str,
    personal_params: list[Any],
    kinds: list[str],
) -> tuple[str, list[Any]]:
    """SQL of the matching entries of ``kinds``: columns id, kind, object_id, score, personal_ok.

    A record matches when all the words are in its public text, or its symbol is the query's,
    or (PostgreSQL) its title is close to the query, or all the words are in its personal
    text where ``personal_sql`` (over entry ``e``) says the reader has the personal-data
    right. Visibility is applied after this, per kind (search.query).
    """
    kind_sql = "e.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")"
    personal = personal_sql != NOBODY
    personal_filter = "" if personal_sql == EVERYWHERE else f" AND {personal_sql}"
    if backend_name(connection) == "postgresql":
        tsq = "to_tsquery('simple', %s)"
        query = _pg_tsquery(words)
        fuzzy = len(phrase) >= 4
        # Shorter documents first (normalisation 1), a title that is or starts with the query,
        # an exact symbol; the personal rank counts only where the reader has the right.
        # Cheap per row on purpose: a broad query scores tens of thousands of rows.
        score = [
            f"ts_rank(e.document, {tsq}, 1)",
            "CASE WHEN e.title_text = %s THEN 1.0 WHEN e.title_text LIKE %s THEN 0.5 ELSE 0 END",
        ]
        score_params: list[Any] = [query, phrase, phrase + " %"]
        if symbol:
            score.append("CASE WHEN e.symbol_key = %s THEN 2.0 ELSE 0 END")
            score_params.append(symbol)
        if personal:
            score.append(f"CASE WHEN {personal_sql} THEN ts_rank(e.personal_document, {tsq}, 1) ELSE 0 END")
            score_params += [*personal_params, query]
        # Each arm has its own index, so PostgreSQL ORs bitmaps instead of reading the table.
        arms = [f"e.document @@ {tsq}"]
        arm_params: list[Any] = [query]
        if symbol:
            arms.append("e.symbol_key = %s")
            arm_params.append(symbol)
        if fuzzy:
            arms.append("%s <%% e.title_text")
            arm_params.append(phrase)
        if personal:
            arms.append(f"(e.personal_document @@ {tsq}{personal_filter})")
            arm_params += [query, *(personal_params if personal_filter else [])]
        sql = (
            f"SELECT e.id, e.kind, e.object_id, ({' + '.join(score)}) AS score, "
            f"({personal_sql}) AS personal_ok FROM {TABLE} e "
            f"WHERE ({' OR '.join(arms)}) AND {kind_sql}"
        )
        return sql, [*score_params, *personal_params, *arm_params, *kinds]

    # SQLite FTS5: candidates from the public columns, the symbol and (with the right) the
    # personal column; bm25 over the public columns only, title 10, body 2.
    public = _fts_query(words, "title_text body_text")
    candidates = [f"SELECT rowid AS id FROM {FTS} WHERE {FTS} MATCH %s"]
    candidate_params: list[Any] = [public]
    if symbol:
        candidates.append(f"SELECT id FROM {TABLE} WHERE symbol_key = %s")
        candidate_params.append(symbol)
    if personal:
        candidates.append(f"SELECT rowid AS id FROM {FTS} WHERE {FTS} MATCH %s")
        candidate_params.append(_fts_query(words, "personal_text"))
    score = "COALESCE(-f.bm, 0) + CASE WHEN e.title_text = %s THEN 5.0 ELSE 0 END"
    score_params = [phrase]
    if symbol:
        score += " + CASE WHEN e.symbol_key = %s THEN 10.0 ELSE 0 END"
        score_params.append(symbol)
    matched = ["f.rid IS NOT NULL"]
    matched_params: list[Any] = []
    if symbol:
        matched.append("e.symbol_key = %s")
        matched_params.append(symbol)
    if personal:
        matched.append(personal_sql)
        matched_params += personal_params
    sql = (
        f"SELECT e.id, e.kind, e.object_id, ({score}) AS score, ({personal_sql}) AS personal_ok "
        f"FROM ({' UNION '.join(candidates)}) c JOIN {TABLE} e ON e.id = c.id "
        f"LEFT JOIN (SELECT rowid AS rid, bm25({FTS}, 10.0, 2.0, 0.0) AS bm FROM {FTS} "
        f"WHERE {FTS} MATCH %s) f ON f.rid = e.id "
        f"WHERE ({' OR '.join(matched)}) AND {kind_sql}"
    )
    params = [*score_params, *personal_params, *candidate_params, public, *matched_params, *kinds]
    return sql, params
