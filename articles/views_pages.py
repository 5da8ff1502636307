"""Article pages beside the generic ones: the extraction's progress (polled), running it
again, and the review of one proposed fact. Each reads the article through visible_to."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from access.rules import Action, can
from core.audit import audit_refused
from core.exceptions import ValidationError

from . import accept, selectors, services
from .forms import AcceptForm, ReviewForm
from .models import Article, FactProposal
from .views import ArticleViews, progress_context


def _visible_article(request: HttpRequest, pk: int) -> Article:
    article = ArticleViews.queryset(request.user).filter(pk=pk).first()
    if article is None:
        audit_refused(request.user, Article, pk, "hidden")
        raise Http404
    return article


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The small partial the article page polls (HTMX) until the extraction has finished."""
    article = _visible_article(request, pk)
    response = render(request, "articles/partials/progress.html", progress_context(request, article))
    if article.is_finished and request.headers.get("HX-Request"):
        # Polled until now, so the page was drawn before the facts arrived: reload it so
        # the text shows its marks.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def restart(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the extraction again."""
    article = _visible_article(request, pk)
    if not can(request.user, Action.CHANGE, article):
        audit_refused(request.user, Article, pk, "change")
        raise PermissionDenied
    services.extraction_restart(actor=request.user, article=article)
    return redirect(article.get_absolute_url())


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, reject or correct one proposed fact, then back to its place on the page."""
    proposal = selectors.proposal_for_review(user=request.user, proposal_id=pk)
    if proposal is None:
        audit_refused(request.user, FactProposal, pk, "hidden")
        raise Http404
    if not can(request.user, Action.CHANGE, proposal.article):
        audit_refused(request.user, Article, proposal.article_id, "change")
        raise PermissionDenied
    form = ReviewForm(request.POST, proposal=proposal)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400)
    try:
        services.proposal_review(
            actor=request.user,
            proposal=proposal,
            status=form.cleaned_data["status"],
            value=form.cleaned_data.get("value"),
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    return redirect(f"{proposal.article.get_absolute_url()}#fact-{proposal.pk}")


def _reviewable(request: HttpRequest, pk: int) -> FactProposal:
    """A fact of a visible article the user may accept into the registry (404 hidden or
    missing, 403 without the coordinator role or the right to change the article)."""
    proposal = selectors.proposal_for_review(user=request.user, proposal_id=pk)
    if proposal is None:
        audit_refused(request.user, FactProposal, pk, "hidden")
        raise Http404
    if not services.may_accept(request.user, proposal.article):
        audit_refused(request.user, Article, proposal.article_id, "change")
        raise PermissionDenied
    return proposal


def accept_context(request: HttpRequest, proposal: FactProposal) -> dict[str, Any]:
    """The accept form: the visible records the fact names, "create new" where it may."""
    found = accept.candidates(user=request.user, proposal=proposal)
    may_create = accept.may_create(proposal)
    return {
        "p": proposal,
        "kind": accept.kind_of(proposal),
        "choices": [(accept.target_key(r), r) for r in found],
        "may_create": may_create,
        "operations": accept.operation_choices(user=request.user, proposal=proposal)
        if may_create and accept.kind_of(proposal) == "outcome"
        else [],
        "nothing_created": accept.NOTHING_CREATED.get(proposal.field)
        if accept.kind_of(proposal) is None
        else None,
        "is_suspect": proposal.field == "people" and accept.value_of(proposal).get("role") == "suspect",
        **_relationship_offer(request, proposal, found),
        "is_signing": accept.is_signing(proposal),
        "instruments": accept.instrument_candidates(user=request.user, proposal=proposal),
    }


def _relationship_offer(request: HttpRequest, proposal: FactProposal, found: list[Any]) -> dict[str, Any]:
    """For an agency fact: "also propose a relationship with <your unit>", unless every agency
    offered (none may be created) already has a visible running relationship with that unit."""
    unit = getattr(request.user, "unit", None)
    if accept.kind_of(proposal) != "agency" or unit is None:
        return {}
    day = accept.relationship_start(proposal)
    related = {
        a.pk for a in found if accept.visible_relationship(user=request.user, agency=a, unit=unit, day=day)
    }
    return {"relationship_unit": unit, "related_agencies": related}


@login_required
def accept_fact(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the accept form of one fact (loaded on demand, so the article page's queries do not
    grow with its facts). POST: accept, linking the chosen record or creating a new one."""
    proposal = _reviewable(request, pk)
    if request.method != "POST":
        return render(request, "articles/partials/accept_form.html", accept_context(request, proposal))
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400)
    try:
        services.proposal_accept(
            actor=request.user,
            proposal=proposal,
            target=form.cleaned_data.get("target") or None,
            operation=form.cleaned_data.get("operation") or None,
            note=form.cleaned_data.get("note", ""),
            relationship=form.cleaned_data.get("relationship", False),
            instrument=form.cleaned_data.get("instrument", False),
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    return redirect(f"{proposal.article.get_absolute_url()}#fact-{proposal.pk}")


@login_required
@require_POST
def media_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Count the article as outreach coverage: link its media item or create it."""
    article = _visible_article(request, pk)
    if not services.may_accept(request.user, article):
        audit_refused(request.user, Article, pk, "change")
        raise PermissionDenied
    try:
        services.article_media_item(
            actor=request.user, article=article, target=request.POST.get("target", "")
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    return redirect(article.get_absolute_url())
