from django.conf import settings

from .navigation import menu_items


def hoptac(request):
    """The main menu and the instance's classification cap, for the base layout."""
    from .audit_views import may_read_audit

    audit = may_read_audit(getattr(request, "user", None))
    return {
        "menu": menu_items(request.path, may_read_audit=audit),
        "may_read_audit": audit,
        "HOPTAC_MAX_CLASSIFICATION": settings.HOPTAC_MAX_CLASSIFICATION,
    }
