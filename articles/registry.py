"""Articles are business records (proposals follow their article: see models.FactProposal)."""

from access.registry import register_model

from .models import Article

register_model(Article, namespace="articles", api_basename="article")
