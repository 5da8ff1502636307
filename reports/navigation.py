"""The reports module's sub-menu (the copy register link shows to audit readers; coordinators
reach it too, at /reports/copies/)."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Periodic reports"), "reports:reportrun_list", False),
    (_("Outgoing documents"), "reports:issueddocument_list", False),
    (_("Copy register"), "reports:copies", True),
)
