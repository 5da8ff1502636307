"""The one search box: parse the query, match the index, keep only what the reader may see.

``search(user, q, kinds=None, limit=5)`` runs one SQL statement whatever the data size: each
kind is restricted to ``Model.objects.visible_to(user)`` (a subquery), the personal text is
matched only where the reader has the personal-data right, and a window function keeps the
best ``limit`` hits of each kind with the kind's total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from access.choices import Role
from access.registry import registry
from access.rules import Action, can

from . import backends
from .types import BY_KIND, TYPES, SearchType, compact_symbol, tokens

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_WORDS = 12
MAX_LIMIT = 50
# A query matching more entries than this (one common word) scores and counts only the first
# MATCH_CAP of them: the answer stays fast, and its counts are marked as lower bounds.
MATCH_CAP = 5000


class QueryError(ValueError):
    """A query that cannot be searched; the message says why (translated)."""


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    words: list[str]
    symbol: str  # compact symbol key when the query looks like one ("50ctrduca"), else ""

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


def parse_query(raw: str | None) -> ParsedQuery:
    """Fold the query into words; refuse an empty, too short or too long one."""
    text = (raw or "").strip()
    if not text:
        raise QueryError(_("Type what to search for."))
    if len(text) > MAX_LENGTH:
        raise QueryError(_("The search text is too long (at most %(n)d characters).") % {"n": MAX_LENGTH})
    words = tokens(text).split()
    if sum(len(w) for w in words) < MIN_LENGTH:
        raise QueryError(_("Type at least %(n)d letters or digits.") % {"n": MIN_LENGTH})
    words = words[:MAX_WORDS]
    key = compact_symbol(text)
    has_digit = any(c.isdigit() for c in key)
    has_letter = any(c.isalpha() for c in key)
    return ParsedQuery(raw=text, words=words, symbol=key if has_digit and has_letter else "")


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    subtitle: str
    url: str
    score: float
    personal: bool  # the title shows personal data (the reader has the right)


@dataclass
class Group:
    type: SearchType
    count: int
    best: float
    capped: bool = False  # the query matched more than MATCH_CAP entries: count is a lower bound
    hits: list[Hit] = field(default_factory=list)
    list_url: str = ""

    @property
    def kind(self) -> str:
        return self.type.kind

    @property
    def label(self) -> str:
        return str(self.type.label)


def searchable_types(user: Any, kinds: list[str] | None = None) -> list[SearchType]:
    """The kinds the user may read at all (the role table), optionally narrowed."""
    chosen = [BY_KIND[k] for k in kinds] if kinds else list(TYPES)
    return [t for t in chosen if can(user, Action.VIEW, t.model)]


def personal_scope(user: Any) -> tuple[str, list[Any]]:
    """SQL over entry ``e``: where the reader may see personal data.

    The same rule as ``access.rules.can(user, VIEW_PERSONAL, obj)`` (a test compares them):
    coordinators and leadership everywhere, unit heads in their subtree, officers in their
    own unit, nobody else.
    """
    roles = user.role_codes
    if roles & {Role.COORDINATOR, Role.LEADERSHIP}:
        return backends.EVERYWHERE, []
    parts: list[str] = []
    params: list[Any] = []
    unit = user.unit if user.unit_id else None
    if unit is not None and Role.UNIT_HEAD in roles:
        parts.append("e.owner_unit_path LIKE %s")
        params.append(unit.path + "%")
    if unit is not None and Role.OFFICER in roles:
        parts.append("e.owner_unit_id = %s")
        params.append(unit.pk)
    if not parts:
        return backends.NOBODY, []
    return "(" + " OR ".join(parts) + ")", params


_VISIBLE_SQL: dict[tuple[Any, ...], tuple[str, list[Any]]] = {}
_VISIBLE_SQL_MAX = 512


def _visible_hits(user: Any, types: list[SearchType]) -> tuple[str, list[Any]]:
    """One arm per kind: the matched entries whose record is in ``visible_to(user)``.

    A UNION ALL of plain semi-joins (not one OR of subqueries), so the database can probe
    each model's primary key for a few matches or hash-join for many. Compiling eleven
    ``visible_to`` querysets costs more than the search itself, so the SQL is kept per
    process, keyed by everything ``visible_to`` reads from the user.
    """
    unit = user.unit if user.unit_id else None
    key = (
        connection.alias,
        user.pk,
        user.unit_id,
        unit.path if unit else "",
        user.clearance,
        tuple(sorted(user.role_codes)),
        tuple(t.kind for t in types),
        # visible_to reads shares by content type (ids change when a test flushes the tables).
        tuple(ContentType.objects.get_for_model(t.model).pk for t in types),
    )
    cached = _VISIBLE_SQL.get(key)
    if cached is not None:
        return cached
    parts: list[str] = []
    params: list[Any] = []
    for search_type in types:
        visible = search_type.model.objects.visible_to(user).order_by().values("pk")
        try:
            sql, sub_params = visible.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:
            continue
        parts.append(
            f"SELECT id, kind, score, personal_ok FROM matched WHERE kind = %s AND object_id IN ({sql})"
        )
        params += [search_type.kind, *sub_params]
    result = (" UNION ALL ".join(parts), params)
    if len(_VISIBLE_SQL) >= _VISIBLE_SQL_MAX:
        _VISIBLE_SQL.clear()
    _VISIBLE_SQL[key] = result
    return result


def list_url(search_type: SearchType, query: ParsedQuery) -> str:
    """The type's own list, filtered with the same words (lists match each folded word)."""
    entry = registry.get(search_type.model)
    if entry is None:
        return ""
    try:
        base = reverse(entry.url_name("list"))
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode({'q': query.phrase})}"


def search(user: Any, raw: str | None, *, kinds: list[str] | None = None, limit: int = 5) -> list[Group]:
    """Ranked hits grouped by kind (best group first) with each kind's visible total.

    Raises QueryError for a query that cannot be searched.
    """
    query = parse_query(raw)
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    types = searchable_types(user, kinds)
    visible_sql, visible_params = _visible_hits(user, types)
    if not visible_sql:
        return []
    personal_sql, personal_params = personal_scope(user)
    hits_sql, params = backends.hits_sql(
        connection,
        words=query.words,
        phrase=query.phrase,
        symbol=query.symbol,
        personal_sql=personal_sql,
        personal_params=personal_params,
        kinds=[t.kind for t in types],
    )
    limit = max(1, min(int(limit), MAX_LIMIT))
    sql = (
        f"WITH matched AS MATERIALIZED ({hits_sql} LIMIT %s), hits AS ({visible_sql}), ranked AS ("
        "SELECT id, kind, score, personal_ok, "
        "ROW_NUMBER() OVER (PARTITION BY kind ORDER BY score DESC, id) AS rn, "
        "COUNT(*) OVER (PARTITION BY kind) AS total, MAX(score) OVER (PARTITION BY kind) AS best "
        "FROM hits) "
        "SELECT e.kind, e.object_id, e.title, e.title_en, e.subtitle, e.url, e.personal_title, "
        "r.score, r.personal_ok, r.total, r.best, (SELECT COUNT(*) FROM matched) AS matched "
        f"FROM ranked r JOIN {backends.TABLE} e ON e.id = r.id "
        "WHERE r.rn <= %s ORDER BY r.best DESC, e.kind, r.rn"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, MATCH_CAP + 1, *visible_params, limit])
        rows = cursor.fetchall()
    english = (get_language() or "vi").startswith("en")
    groups: dict[str, Group] = {}
    for (
        kind,
        object_id,
        title,
        title_en,
        subtitle,
        url,
        personal_title,
        score,
        personal_ok,
        total,
        best,
        matched,
    ) in rows:
        group = groups.get(kind)
        if group is None:
            group = groups[kind] = Group(
                type=BY_KIND[kind],
                count=int(total),
                best=float(best),
                list_url=list_url(BY_KIND[kind], query),
                capped=int(matched) > MATCH_CAP,
            )
        shown = title_en if english and title_en else title
        personal = bool(personal_ok) and bool(personal_title)
        if personal:
            shown = f"{personal_title} · {shown}"
        group.hits.append(
            Hit(
                kind=kind,
                object_id=int(object_id),
                title=shown,
                subtitle=subtitle,
                url=url,
                score=round(float(score or 0), 4),
                personal=personal,
            )
        )
    _mask_linked_subtitles(user, groups)
    return list(groups.values())


def _mask_linked_subtitles(user: Any, groups: dict[str, Group]) -> None:
    """A subtitle copied from a linked record (an obligation's source and document) reads
    "restricted record" when the user may not see that record (DESIGN.md 4.1): one query per
    type whose records keep such copies, through ``visible_to``."""
    from access.links import RESTRICTED

    for group in groups.values():
        model = group.type.model
        labels = getattr(model, "link_labels", None)
        if not labels or not group.hits:
            continue
        marked = model._default_manager.visible_to(user).filter(pk__in=[h.object_id for h in group.hits])
        hidden = {obj.pk for obj in marked if getattr(obj, "_hidden_links", set()) & set(labels)}
        for hit in group.hits:
            if hit.object_id in hidden:
                hit.subtitle = str(RESTRICTED)
