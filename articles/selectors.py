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
