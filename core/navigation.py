"""The main menu: every module, linked once it exists (DESIGN.md section 1)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MENU = (
    ("overview", _("Overview"), "home", "bi-speedometer2"),
    ("partners", _("Partners"), "partners:home", "bi-globe2"),
    ("instruments", _("Cooperation instruments"), "instruments:home", "bi-file-earmark-text"),
    ("tracking", _("Directives and tasks"), "tracking:home", "bi-list-check"),
    ("cases", _("Cooperation cases"), "cases:home", "bi-briefcase"),
    ("events", _("Events and delegations"), "events:home", "bi-calendar-event"),
    ("capacity", _("Staff capacity"), "capacity:home", "bi-mortarboard"),
    ("reports", _("Reports"), "reports:home", "bi-file-earmark-bar-graph"),
    ("search", _("Search"), "search:home", "bi-search"),
    ("admin", _("Administration"), "org:unit_list", "bi-gear"),
)


def menu_items(current_path: str) -> list[dict]:
    items = []
    for key, label, url_name, icon in MENU:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        active = bool(url) and (current_path == url if url == "/" else current_path.startswith(url))
        if key == "admin":
            active = current_path.startswith(("/org/", "/audit/"))
        items.append({"key": key, "label": label, "url": url, "icon": icon, "active": active})
    return items
