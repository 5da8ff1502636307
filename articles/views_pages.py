"""Article pages beside the generic ones: the extraction's progress (polled), running it
again, and the review of one proposed fact. Each reads the article through visible_to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from access.rules import Action, can
from core.audit import audit_refused
from core.exceptions import ValidationError

from . import selectors, services
from .forms import ReviewForm
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
