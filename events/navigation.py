"""The events module's sub-menu (read by core.navigation)."""

from django.utils.translation import gettext_lazy as _

SUBMENU = (
    (_("Events"), "events:event_list", False),
    (_("Calendar"), "events:calendar", False),
    (_("Outgoing delegations"), "events:tripproposal_list", False),
    (_("Pledges"), "events:pledge_list", False),
    (_("Conference consultations"), "events:consultation_list", False),
    (_("Participants"), "events:participant_list", False),
    (_("Programme items"), "events:programmeitem_list", False),
    (_("Media coverage"), "events:mediaitem_list", False),
    (_("Outreach counts"), "events:outreach", False),
)
