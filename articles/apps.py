from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from . import registry  # noqa: F401  (registers the article model)
        from .panels import register_source_panels

        register_source_panels()
