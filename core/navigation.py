"""The main menu: every module, linked once it exists (DESIGN.md section 1), and its sub-menu."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MENU = (
    ("overview", _("Overview"), "home", "bi-speedometer2", ("/",)),
    ("partners", _("Partners"), "partners:home", "bi-globe2", ("/partners/",)),
    (
        "instruments",
        _("Cooperation instruments"),
        "instruments:home",
        "bi-file-earmark-text",
        (
            "/instruments/instruments/",
            "/instruments/clauses/",
            "/instruments/stages/",
            "/instruments/expiring/",
            "/instruments/plans/",
        ),
    ),
    # Directives live in the instruments app; the tracking engine's pages sit beside them.
    (
        "tracking",
        _("Directives and tasks"),
        "tracking:my_work",
        "bi-list-check",
        ("/instruments/directives/", "/instruments/items/", "/tracking/"),
    ),
    ("cases", _("Cooperation cases"), "cases:home", "bi-briefcase", ("/cases/",)),
    ("events", _("Events and delegations"), "events:home", "bi-calendar-event", ("/events/",)),
    ("articles", _("Articles"), "articles:home", "bi-newspaper", ("/articles/",)),
    ("capacity", _("Staff capacity"), "capacity:home", "bi-mortarboard", ("/capacity/",)),
    ("reports", _("Reports"), "reports:home", "bi-file-earmark-bar-graph", ("/reports/",)),
    ("search", _("Search"), "search:home", "bi-search", ("/search/",)),
    (
        "admin",
        _("Administration"),
        "org:unit_list",
        "bi-gear",
        ("/org/", "/audit/", "/imports/", "/security/"),
    ),
)

# Sub-menus: (label, url name, needs the audit right)
SUBMENUS = {
    "partners": (
        (_("Indicators"), "partners:home", False),
        (_("Compare two dates"), "partners:compare", False),
        (_("Map"), "partners:map", False),
        (_("Foreign agencies"), "partners:foreignagency_list", False),
        (_("Relationships"), "partners:relationship_list", False),
        (_("Multilateral bodies"), "partners:multilateralbody_list", False),
        (_("Memberships"), "partners:membership_list", False),
        (_("Countries and territories"), "partners:country_list", False),
        (_("Country groups"), "partners:countrygroup_list", False),
    ),
    "instruments": (
        (_("Cooperation instruments"), "instruments:instrument_list", False),
        (_("Expiry calendar"), "instruments:expiring", False),
        (_("Stages and deadlines"), "instruments:instrumentstage_list", False),
        (_("Statutory deadlines"), "instruments:stagerule_list", False),
        (_("Signing plans"), "instruments:signingplan_list", False),
        (_("Clauses"), "instruments:clause_list", False),
    ),
    "tracking": (
        (_("My work"), "tracking:my_work", False),
        (_("Overdue board"), "tracking:overdue", False),
        (_("Obligations"), "tracking:obligation_list", False),
        (_("Assignments"), "tracking:assignment_list", False),
        (_("Progress reports"), "tracking:progressreport_list", False),
        (_("Obstacles"), "tracking:obstacle_list", False),
        (_("Completion rates"), "tracking:completion", False),
        (_("Deadline calendar"), "tracking:calendar", False),
        (_("Signed but not implemented"), "tracking:not_implemented", False),
        (_("Coverage of commitments"), "tracking:coverage", False),
        (_("Directives"), "instruments:directive_list", False),
        (_("Directive items"), "instruments:directiveitem_list", False),
        (_("Calendar of days off"), "tracking:calendarday_list", False),
    ),
    "admin": (
        (_("Units"), "org:unit_list", False),
        (_("Users"), "org:user_list", False),
        (_("Roles and second factor"), "org:rolerecord_list", False),
        (_("Audit log"), "audit:list", True),
        (_("Declassified soon"), "declassification-upcoming", False),
        (_("API documentation"), "api-docs", False),
    ),
}


def submenu(key: str) -> tuple:
    """The sub-menu of a module: declared here, or in the app's ``navigation.SUBMENU``."""
    if key in SUBMENUS:
        return SUBMENUS[key]
    import importlib

    try:
        module = importlib.import_module(f"{key}.navigation")
    except ModuleNotFoundError:
        return ()
    return getattr(module, "SUBMENU", ())


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def menu_items(current_path: str, *, may_read_audit: bool = False) -> list[dict]:
    items = []
    for key, label, url_name, icon, prefixes in MENU:
        url = _url(url_name)
        if key == "overview":
            active = current_path == "/" or current_path.startswith("/dashboard/")
        else:
            active = bool(url) and current_path.startswith(prefixes)
        sub = []
        if active:
            for sub_label, sub_name, needs_audit in submenu(key):
                sub_url = _url(sub_name)
                if sub_url and (may_read_audit or not needs_audit):
                    sub.append(
                        {
                            "label": sub_label,
                            "url": sub_url,
                            "active": current_path == sub_url
                            or (sub_url != url and current_path.startswith(sub_url)),
                        }
                    )
        items.append({"key": key, "label": label, "url": url, "icon": icon, "active": active, "sub": sub})
    return items
