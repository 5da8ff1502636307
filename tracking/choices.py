"""Choice sets of the tracking engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class SourceKind(models.TextChoices):
    DIRECTIVE_ITEM = "directive_item", _("Directive task")
    CLAUSE = "clause", _("Instrument clause")
    INSTRUMENT = "instrument", _("Instrument duty")
    PLEDGE = "pledge", _("Pledge at an event")
    INSTRUCTION = "instruction", _("Leadership instruction")
    CASE = "case", _("Cooperation case")
    ARREST = "arrest", _("Provisional arrest limit")
    DELEGATION = "delegation", _("Delegation")
    CONFERENCE = "conference", _("International conference")
    CLASSIFICATION = "classification", _("Classification change")
    SECRETS_REPORT = "secrets_report", _("Yearly state-secrets report")
    OTHER = "other", _("Other")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead (chủ trì)")
    SUPPORT = "support", _("Support (phối hợp)")


class DeadlineKind(models.TextChoices):
    DATE = "date", _("A date")
    AFTER_EVENT = "after_event", _("Days after an event")
    RECURRING = "recurring", _("Recurring")


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class Frequency(models.TextChoices):
    """Keys of core.workdays.REPORT_KINDS: the Decree 09 report windows."""

    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Half-yearly")
    YEAR = "year", _("Yearly")


class Status(models.TextChoices):
    """Derived in the query from dates and approved reports, never stored."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DONE_LATE = "done_late", _("Done late")
    OVERDUE = "overdue", _("Overdue")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.OVERDUE)
CLOSED_STATUSES = (Status.DONE, Status.DONE_LATE)


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ObstacleStatus(models.TextChoices):
    RAISED = "raised", _("Raised, awaiting the Department of Foreign Relations")
    ANSWERED = "answered", _("Answered with guidance")
    ESCALATED = "escalated", _("Escalated to the leadership")
    DECIDED = "decided", _("Decided by the leadership")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off (decided by the Government)")
    WORKING_DAY = "working_day", _("Working day (swapped)")


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("New assignment")
    DUE_SOON = "due_soon", _("Deadline approaching")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE_DIGEST = "overdue_digest", _("Overdue digest")
    UNTRACKED_DIGEST = "untracked_digest", _("Untracked commitments")
    NO_REPORT = "no_report", _("No report for a while")
    REPORT_SUBMITTED = "report_submitted", _("Report to review")
    REPORT_APPROVED = "report_approved", _("Report approved")
    REPORT_RETURNED = "report_returned", _("Report returned")
    OBSTACLE_RAISED = "obstacle_raised", _("Obstacle raised")
    OBSTACLE_ANSWERED = "obstacle_answered", _("Obstacle answered")
    OBSTACLE_ESCALATED = "obstacle_escalated", _("Obstacle escalated")
    OBSTACLE_DECIDED = "obstacle_decided", _("Obstacle decided")
    INSTRUMENT_EXPIRING = "instrument_expiring", _("Instrument expiring")
    CLASSIFICATION_CHANGED = "classification", _("Classification changed")
    SECRET_INCIDENT = "secret_incident", _("State-secret incident")
