from django.conf import settings

from .navigation import menu_items


def hoptac(request):
    """The main menu and the instance's classification cap, for the base layout."""
    return {
        "menu": menu_items(request.path),
        "HOPTAC_MAX_CLASSIFICATION": settings.HOPTAC_MAX_CLASSIFICATION,
    }
