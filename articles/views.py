"""Article pages: the generic list, detail, form and history, with the upload, the duplicate
warning, the extraction's progress and the text with its proposed facts highlighted."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.rules import Action, can
from core.exceptions import ValidationError
from core.views import ObjectEditView, ObjectViewSet, _add_validation_errors

from . import accept, selectors, services
from .choices import FactField
from .filters import ArticleFilterSet
from .forms import ArticleForm
from .highlight import highlighted
from .models import Article


class ArticleEditView(ObjectEditView):
    """The generic form view, with the uploaded file and the duplicate warning."""

    template_name = "articles/article_form.html"

    def get_form(self, request: HttpRequest, obj: Any, data: Any = None) -> Any:
        if data is None:
            return super().get_form(request, obj)
        return self.viewset.form_class(data=data, files=request.FILES, instance=obj, user=request.user)

    def base_context(self) -> dict[str, Any]:
        context = super().base_context()
        duplicate = getattr(self, "duplicate", None)
        if duplicate is not None:
            context.update(duplicate=duplicate.existing, duplicate_reason=duplicate.reason)
        return context

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is not None:
            return super().post(request, pk)
        self.load(request, None)
        form = self.get_form(request, None, data=request.POST)
        if not form.is_valid():
            return self.render_form(request, None, form, status=400)
        try:
            saved = services.article_create(
                actor=request.user,
                data=form.service_data(),
                file=form.cleaned_data.get("file"),
                confirm_duplicate=form.cleaned_data.get("confirm_duplicate", False),
            )
        except services.DuplicateArticle as exc:
            _add_validation_errors(form, exc)
            self.duplicate = exc
            return self.render_form(request, None, form, status=400)
        except ValidationError as exc:
            _add_validation_errors(form, exc)
            return self.render_form(request, None, form, status=400)
        return HttpResponseRedirect(saved.get_absolute_url())


class ArticleViews(ObjectViewSet):
    model = Article
    form_class = ArticleForm
    filterset_class = ArticleFilterSet
    list_columns = (
        "published_on",
        "title",
        "source_name",
        "extraction_status",
        "owner_unit",
        "classification",
    )
    detail_fields = (
        "title",
        "source_name",
        "url",
        "published_on",
        "original_filename",
        "owner_unit",
        "created_by",
        "classification",
    )
    column_labels = {"created_by": _("taken in by")}
    ordering_fields = {
        "published_on": "published_on",
        "title": "title",
        "source_name": "source_name",
        "extraction_status": "extraction_status",
    }
    default_ordering = "-published_on"
    select_related = ("owner_unit", "created_by")
    detail_template = "articles/article_detail.html"
    create_service = staticmethod(services.article_create)
    update_service = staticmethod(services.article_update)
    delete_service = staticmethod(services.article_delete)

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        # Lists never need the text nor the fingerprint; the detail page reads the text apart.
        return super().queryset(user).defer("text", "fingerprint", "extraction")

    @classmethod
    def urls(cls) -> list:
        out = []
        for pattern in super().urls():
            if pattern.name in ("article_add", "article_edit"):
                pattern = type(pattern)(
                    pattern.pattern, ArticleEditView.as_view(viewset=cls), pattern.default_args, pattern.name
                )
            out.append(pattern)
        return out

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Article) -> dict[str, Any]:
        return {**progress_context(request, obj), **facts_context(request, obj)}


def progress_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "article": article,
        "restart_url": reverse("articles:restart", args=[article.pk])
        if article.extraction_status == "failed" and can(request.user, Action.CHANGE, article)
        else None,
    }


def facts_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """The text with its marks, and the proposals grouped by field (the page's two halves)."""
    text = selectors.article_text(user=request.user, article_id=article.pk)
    proposals = selectors.article_proposals(user=request.user, article_id=article.pk)
    selectors.resolve_links(user=request.user, proposals=proposals)
    selectors.headline_comparisons(user=request.user, article=article, proposals=proposals)
    for p in proposals:
        p.is_suspect = (
            p.field == FactField.PEOPLE and (p.corrected_value or p.value or {}).get("role") == "suspect"
        )
    groups = []
    for field, label in FactField.choices:
        items = [p for p in proposals if p.field == field]
        groups.append({"field": field, "label": label, "items": items})
    may_review = can(request.user, Action.CHANGE, article)
    return {
        "text_html": highlighted(text, proposals),
        "fact_groups": groups,
        "fact_count": len(proposals),
        "may_review": may_review,
        "may_accept": may_review and services.may_accept(request.user, article),
        "media_choices": [
            (accept.target_key(m), m) for m in accept.media_candidates(user=request.user, article=article)
        ]
        if may_review and not article.media_item_id and services.may_accept(request.user, article)
        else [],
    }
