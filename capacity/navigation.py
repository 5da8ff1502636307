"""The capacity module's sub-menu."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Capacity indicator"), "capacity:home", False),
    (_("Gaps and training needs"), "capacity:gaps", False),
    (_("Staff profiles"), "capacity:staffprofile_list", False),
    (_("Language skills"), "capacity:languageskill_list", False),
    (_("Qualifications"), "capacity:qualification_list", False),
    (_("Postings abroad"), "capacity:posting_list", False),
    (_("Capacity definitions"), "capacity:capacitydefinition_list", False),
)
