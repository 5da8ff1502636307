"""API routes of the articles app (registered on core.api.router.router)."""

from core.api.router import router

from .views import ArticleViewSet

router.register("articles", ArticleViewSet, basename="article")
