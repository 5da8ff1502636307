"""Reads of the articles module: an article's text and proposed facts, as its viewer sees it."""

from __future__ import annotations

from typing import Any

from .models import Article, FactProposal


def article_text(*, user: Any, article_id: int) -> str:
    """The stored text of an article the user may see (lists defer it: it can be long)."""
    return Article.objects.visible_to(user).filter(pk=article_id).values_list("text", flat=True).first() or ""


def article_proposals(*, user: Any, article_id: int) -> list[FactProposal]:
    """The proposed facts of an article the user may see, in the order of the text."""
    return list(
        FactProposal.objects.filter(
            article__in=Article.objects.visible_to(user).filter(pk=article_id)
        ).order_by("start", "position")
    )


def proposal_for_review(*, user: Any, proposal_id: int) -> FactProposal | None:
    """A proposed fact of an article the user may see (None: missing or hidden alike)."""
    return (
        FactProposal.objects.filter(pk=proposal_id, article__in=Article.objects.visible_to(user))
        .select_related("article")
        .first()
    )


def resolve_links(*, user: Any, proposals: list[FactProposal]) -> None:
    """Attach to each proposal the record it was accepted into, read through the viewer's
    visibility: a record the viewer may not see is marked hidden (``{% link_to %}`` shows the
    restricted marker, never its name). One query per kind of record, whatever the count."""
    from django.contrib.contenttypes.models import ContentType

    field = FactProposal._meta.get_field("linked")
    wanted: dict[int, set[str]] = {}
    for p in proposals:
        if p.linked_type_id and p.linked_id:
            wanted.setdefault(p.linked_type_id, set()).add(p.linked_id)
    found: dict[tuple[int, str], Any] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        keys = [int(i) for i in ids if i.isdigit()]
        for obj in model._default_manager.visible_to(user).filter(pk__in=keys):
            found[(type_id, str(obj.pk))] = obj
    for p in proposals:
        if not (p.linked_type_id and p.linked_id):
            continue
        obj = found.get((p.linked_type_id, p.linked_id))
        field.set_cached_value(p, obj)
        if obj is None:
            p.__dict__.setdefault("_hidden_links", set()).add("linked")


# Headline counts ("what" of the extractor) → the registry's indicator (partners.selectors).
HEADLINE_INDICATORS: dict[str, str] = {
    "agencies": "foreign_agencies",
    "multilateral_organizations_forums": "multilateral_participation",
    "multilateral_participation": "multilateral_participation",
    "multilateral_organizations": "members_organizations",
    "multilateral_forums": "members_forums",
    "cooperation_mechanisms": "members_mechanisms",
    "cooperation_documents": "instruments_signed",
    "instruments_signed": "instruments_signed",
}


def headline_comparisons(*, user: Any, article: Article, proposals: list[FactProposal]) -> None:
    """Compare each headline count with the registry's indicator on the date of the facts
    (the fact's date when it gives one, else the article's publication date), counted
    through the viewer's visibility; the result is set as ``proposal.comparison``."""
    import datetime

    from partners.selectors import indicators

    cache: dict[datetime.date, dict[str, Any]] = {}
    for p in proposals:
        if p.field != "headline_counts":
            continue
        value = p.corrected_value or p.value or {}
        key = HEADLINE_INDICATORS.get(str(value.get("what") or ""))
        if key is None:
            p.comparison = {"known": False}
            continue
        try:
            day = datetime.date.fromisoformat(str(value.get("date_iso") or "")[:10])
        except ValueError:
            day = article.published_on
        if day not in cache:
            cache[day] = indicators(user=user, as_of=day)
        figures = cache[day]
        registry = figures.get(key)
        of_countries = value.get("of_countries")
        registry_countries = figures.get("countries") if key == "foreign_agencies" and of_countries else None
        differs = registry != value.get("value") or (
            registry_countries is not None and registry_countries != of_countries
        )
        p.comparison = {
            "known": True,
            "day": day,
            "said": value.get("value"),
            "said_countries": of_countries,
            "registry": registry,
            "registry_countries": registry_countries,
            "differs": differs,
        }
