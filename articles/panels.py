"""The "Sources" panel articles adds to the pages of the records facts were accepted into
(core.panels): the articles, and the words, each record came from."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from core.panels import DetailPanel, register_panel

from .choices import ProposalStatus
from .models import Article, FactProposal

# The records an accepted fact may be linked to or created as (articles.accept).
LINKED_MODELS = (
    "events.Event",
    "cases.Operation",
    "cases.Outcome",
    "instruments.Instrument",
    "instruments.Directive",
    "partners.ForeignAgency",
)


def sources(*, user: Any, record: Any) -> list[FactProposal]:
    """The accepted facts that name ``record``, of the articles ``user`` may see (one query)."""
    return list(
        FactProposal.objects.filter(
            linked_type=ContentType.objects.get_for_model(type(record)),
            linked_id=str(record.pk),
            status__in=(ProposalStatus.ACCEPTED, ProposalStatus.CORRECTED),
            article__in=Article.objects.visible_to(user),
        )
        .select_related("article")
        .order_by("-article__published_on", "pk")
    )


def sources_panel(request: HttpRequest, record: Any) -> dict[str, Any]:
    return {"sources": sources(user=request.user, record=record)}


def register_source_panels() -> None:
    for label in LINKED_MODELS:
        register_panel(
            label,
            DetailPanel(
                key="article_sources", template="articles/_sources_panel.html", context=sources_panel
            ),
        )
