"""The unread-notification count of the header badge, on every page of a signed-in user."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: one COUNT query, run only when a template reads it.

    Anonymous users get nothing (no query). The value is a memoised callable, which the
    template engine calls on first use, so pages and HTMX partials that do not show the
    header pay nothing and the header pays once however often it reads the count.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def unread_notifications() -> int:
        from .models import Notification

        return Notification.objects.visible_to(user).unread().count()

    return {"unread_notifications": unread_notifications}
