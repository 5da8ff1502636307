"""The articles module's sub-menu (read by core.navigation)."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Articles"), "articles:article_list", False),
    (_("Add an article"), "articles:article_add", False),
)
