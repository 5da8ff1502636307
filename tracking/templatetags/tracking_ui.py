"""Badges of the tracking pages: derived status, report status, obstacle status."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from tracking.choices import ObstacleStatus, ReportStatus, Status

register = template.Library()

REPORT_CLASSES = {
    ReportStatus.SUBMITTED: "badge-status-in_progress",
    ReportStatus.APPROVED: "badge-status-done",
    ReportStatus.RETURNED: "badge-status-done_late",
}
OBSTACLE_CLASSES = {
    ObstacleStatus.RAISED: "badge-status-in_progress",
    ObstacleStatus.ANSWERED: "badge-status-done",
    ObstacleStatus.ESCALATED: "badge-status-overdue",
    ObstacleStatus.DECIDED: "badge-status-done",
    ObstacleStatus.WITHDRAWN: "badge-status-not_started",
}


def _badge(css: str, value: str, label: Any) -> str:
    return format_html('<span class="badge status-badge {}" data-status="{}">{}</span>', css, value, label)


@register.simple_tag
def status_badge(status: str | None) -> str:
    """The derived status of an assignment or a period (not started … overdue)."""
    if not status or status not in Status.values:
        return ""
    return _badge("badge-status-" + status, status, Status(status).label)


@register.simple_tag
def report_badge(status: str | None) -> str:
    if not status or status not in ReportStatus.values:
        return ""
    return _badge(REPORT_CLASSES[ReportStatus(status)], status, ReportStatus(status).label)


@register.simple_tag
def obstacle_badge(status: str | None) -> str:
    if not status or status not in ObstacleStatus.values:
        return ""
    return _badge(OBSTACLE_CLASSES[ObstacleStatus(status)], status, ObstacleStatus(status).label)
