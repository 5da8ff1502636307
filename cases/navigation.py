"""The cases module's sub-menu."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Cooperation cases"), "cases:cooperationcase_list", False),
    (_("Operations"), "cases:operation_list", False),
    (_("Statistics"), "cases:statistics", False),
    (_("Case subjects"), "cases:casesubject_list", False),
    (_("Correspondence"), "cases:casemessage_list", False),
    (_("Release decisions"), "cases:releasedecision_list", False),
    (_("Personal data transfers"), "cases:personaldatatransfer_list", False),
    (_("Letter templates"), "cases:lettertemplate_list", False),
    (_("Competent authorities"), "cases:competentauthority_list", False),
    (_("Response deadlines"), "cases:responserule_list", False),
    (_("Rule sets by date"), "cases:ruleset_list", False),
)
