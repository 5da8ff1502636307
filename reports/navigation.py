"""The reports module's sub-menu (the copy register link shows to audit readers; coordinators
reach it too, at /reports/copies/)."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Periodic reports"), "reports:reportrun_list", False),
    (_("Outgoing documents"), "reports:issueddocument_list", False),
    (_("Copy register"), "reports:copies", True),
    (_("Secret documents sent"), "reports:sent_register", False),
    (_("Secret documents received"), "reports:receivedsecretdocument_list", False),
    (_("Hand-overs of secret documents"), "reports:secrethandover_list", False),
    (_("Copying register"), "reports:copydecision_list", False),
    (_("Destructions of secret documents"), "reports:secretdestruction_list", False),
    (_("Copy limit of the unit"), "reports:copy_limit", False),
    (_("State-secret incidents"), "reports:secretincident_list", False),
    (_("Yearly state-secrets report"), "reports:secrets_yearly", False),
)
