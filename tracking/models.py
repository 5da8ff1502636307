"""The tracking engine: obligations, assignments with their dated periods, reports, obstacles.

Status is never stored: ``tracking.selectors`` derives it in the query from the periods'
due dates, today's date and the approved reports (DESIGN.md: "status derived").
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.querysets import BusinessQuerySet
from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord

from .choices import (
    AssignmentRole,
    DayCount,
    DayKind,
    DeadlineKind,
    Frequency,
    NotificationKind,
    ObstacleStatus,
    Priority,
    ReportStatus,
    SourceKind,
)


class Obligation(BusinessRecord):
    """One thing that must be done, whatever its source (a task, a clause, a pledge...)."""

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    evidence_required = models.TextField(_("evidence required"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    source_kind = models.CharField(
        _("source"), max_length=16, choices=SourceKind.choices, default=SourceKind.INSTRUCTION, db_index=True
    )
    # The record the obligation comes from (a directive item, a clause, an event's pledge).
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    source_id = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("source"), max_length=300, blank=True, editable=False)
    # The document the source belongs to (a directive, an instrument, an event): trees and boards.
    group_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    group_id = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    group = GenericForeignKey("group_type", "group_id")
    group_label = models.CharField(_("document"), max_length=300, blank=True, editable=False)

    access_unit_paths = ("assignments__unit",)
    search_fields = ("title", "description", "source_label", "group_label")
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(fields=["group_type", "group_id"]),
            models.Index(fields=["-created_at", "id"], name="tracking_obligation_list_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tracking:obligation", args=[self.pk])

    # The copies of a linked record's name that a viewer who may not see it must not read.
    link_labels: ClassVar[dict[str, tuple[str, ...]]] = {
        "source": ("source_label",),
        "group": ("group_label",),
    }

    @classmethod
    def generic_link_targets(cls, name: str) -> list[type]:
        """Sources and their documents are the models registered in ``tracking.sources``."""
        from .sources import all_sources

        models_ = {spec.model for spec in all_sources()}
        if name == "group":
            models_ = {
                spec.group_model for spec in all_sources() if getattr(spec, "group_model", None)
            } | models_
        return sorted(models_, key=lambda m: m._meta.label)

    def classification_changed(self) -> None:
        """Assignments, reports and obstacles take the obligation's level (called by the
        services, inside their transaction); each child's history records its new level."""
        from core.history import ChangeAction, record_change, snapshot

        level = {
            "classification": self.classification,
            "classified_on": self.classified_on,
            "protection_years": self.protection_years,
        }
        message = str(_("The level follows the obligation"))
        for queryset in (
            Assignment.objects.filter(obligation=self),
            ProgressReport.objects.filter(assignment__obligation=self),
            Obstacle.objects.filter(assignment__obligation=self),
        ):
            children = list(queryset)
            queryset.update(**level)
            for child in children:
                before = snapshot(child)
                for name, value in level.items():
                    setattr(child, name, value)
                record_change(
                    action=ChangeAction.UPDATE,
                    obj=child,
                    before=before,
                    after=snapshot(child),
                    message=message,
                )


class Assignment(BusinessRecord):
    """An obligation given to a unit, as lead or support, with its deadline.

    The owner unit is the assigning unit (the obligation's owner, or the parent assignment's
    unit for a sub-assignment); the assigned unit sees it through ``access_unit_paths``.
    """

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.CASCADE, related_name="assignments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-assignment of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("assigned unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=8, choices=AssignmentRole.choices, default=AssignmentRole.LEAD
    )
    assigned_on = models.DateField(_("assigned on"), default=timezone.localdate)
    instructions = models.TextField(_("instructions"), blank=True)
    deadline_kind = models.CharField(
        _("deadline"), max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    event_label = models.CharField(
        _("event"),
        max_length=200,
        blank=True,
        help_text=_("For example: entry into force, return of the delegation."),
    )
    event_on = models.DateField(_("event date"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(
        _("days after the event"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    day_count = models.CharField(
        _("days counted as"), max_length=8, choices=DayCount.choices, default=DayCount.WORKING
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, blank=True)
    due_day = models.PositiveSmallIntegerField(
        _("due day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("The report of a period is due on this day after its data window closes (e.g. 20)."),
    )
    starts_on = models.DateField(_("recurring from"), null=True, blank=True)
    ends_on = models.DateField(_("recurring until"), null=True, blank=True)

    # Reminders paused while waiting on someone else (a partner's answer), with the reason.
    # The status still runs: an overdue deadline stays overdue; only the reminders stop.
    reminders_paused_on = models.DateField(_("reminders paused on"), null=True, blank=True, editable=False)
    pause_reason = models.CharField(_("reminders paused because"), max_length=300, blank=True, editable=False)

    # Facts of the periods and reports, kept by ``services.refresh_facts`` in the transaction
    # that changes them. None depends on the date: the status is derived from them and today
    # in the query (selectors.with_status), so it is never stale and costs no subquery.
    open_due_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    open_starts_on = models.DateField(null=True, blank=True, editable=False)
    open_reported = models.BooleanField(default=False, editable=False)
    any_closed = models.BooleanField(default=False, editable=False)
    any_late = models.BooleanField(default=False, editable=False)
    has_periods = models.BooleanField(default=False, editable=False)
    latest_percent = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    latest_report_on = models.DateField(null=True, blank=True, editable=False)

    access_unit_paths = ("unit",)
    classification_follows = "obligation"
    # Facts kept by services.refresh_facts from the periods and reports.
    FACT_FIELDS = (
        "open_due_on",
        "open_starts_on",
        "open_reported",
        "any_closed",
        "any_late",
        "has_periods",
        "latest_percent",
        "latest_report_on",
    )
    history_exclude = dict.fromkeys(
        FACT_FIELDS,
        "a fact derived from the periods and reports (services.refresh_facts); each report has its own history",
    )
    search_fields = ("obligation_title", "instructions", "unit_name")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["obligation", "role", "unit__path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit"],
                condition=models.Q(parent__isnull=True),
                name="tracking_assignment_one_root_per_unit",
            ),
            models.UniqueConstraint(
                fields=["parent", "unit"],
                condition=models.Q(parent__isnull=False),
                name="tracking_assignment_one_sub_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} → {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:assignment", args=[self.pk])

    def obligation_title(self) -> str:
        return self.obligation.title

    def unit_name(self) -> str:
        return str(self.unit)


class PeriodQuerySet(BusinessQuerySet):
    pass


class AssignmentPeriod(ServiceWritesModel):
    """One due date of an assignment: the single deadline, or one period of a recurring duty."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("period"), max_length=64, blank=True)
    starts_on = models.DateField(_("window from"))
    ends_on = models.DateField(_("window until"))
    due_on = models.DateField(_("due on"), db_index=True)
    # Facts of its reports (services.refresh_facts): when an approved report completed it,
    # and whether a report not returned exists. Overdue and done late are derived from them.
    completed_on = models.DateField(null=True, blank=True, editable=False)
    has_report = models.BooleanField(default=False, editable=False)

    objects = PeriodQuerySet.as_manager()
    access_parent = "assignment"

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["assignment", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "starts_on"], name="tracking_period_unique_start")
        ]

    def __str__(self) -> str:
        return self.label or f"{self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


class ProgressReport(BusinessRecord):
    """A unit's report on an assignment for a period, approved level by level up the tree.

    The owner unit is the reporting (assigned) unit; the assigning unit sees it too.
    """

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.ForeignKey(
        AssignmentPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports"
    )
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("narrative"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    late = models.BooleanField(_("late"), default=False, editable=False)
    awaiting_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("awaiting approval by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    review_comment = models.TextField(_("review comment"), blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)

    access_unit_paths = ("assignment__owner_unit",)
    classification_follows = "assignment"
    search_fields = ("narrative",)
    # Chosen by search-as-you-type where another record links to one (an outcome): every
    # unit reports every period, so the register is large.
    choice_search = True

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-submitted_on", "-pk"]
        # The list's order, served by an index (a million reports at national size).
        indexes = [models.Index(fields=["-submitted_on", "-id"], name="tracking_report_list_idx")]

    def __str__(self) -> str:
        return f"{self.period} · {self.percent}% · {self.assignment.unit}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:progressreport", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        """A report not yet approved may be withdrawn by the officer who wrote it."""
        return self.status != ReportStatus.APPROVED

    @property
    def edit_locked(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def files_locked(self) -> bool:
        """The evidence of an approved report cannot change (core.attachments checks this)."""
        return self.status == ReportStatus.APPROVED


class Obstacle(BusinessRecord):
    """A vướng mắc with a kiến nghị: answered by Cục Đối ngoại or decided by the leadership."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="obstacles"
    )
    description = models.TextField(_("obstacle"))
    proposal = models.TextField(_("proposal"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ObstacleStatus.choices,
        default=ObstacleStatus.RAISED,
        editable=False,
    )
    raised_on = models.DateField(_("raised on"), default=timezone.localdate, editable=False)
    response_due_on = models.DateField(_("answer due on"), null=True, blank=True, editable=False)
    handler_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    answer = models.TextField(_("guidance"), blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True, editable=False)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True, editable=False)
    decision = models.TextField(_("leadership decision"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)

    access_unit_paths = ("assignment__owner_unit",)
    classification_follows = "assignment"
    search_fields = ("description", "proposal")

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return self.description[:120]

    def get_absolute_url(self) -> str:
        return reverse("tracking:obstacle", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == ObstacleStatus.RAISED

    @property
    def edit_locked(self) -> bool:
        """Once answered or escalated, the obstacle's text is part of the record."""
        return self.status != ObstacleStatus.RAISED


class CalendarDayQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> CalendarDayQuerySet:
        """Reference data: every signed-in user reads the calendar."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class CalendarDay(ServiceWritesModel):
    """A Government decision on one day: an extra day off, or a weekend day worked (a swap)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=DayKind.choices)
    note = models.CharField(_("decision"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:calendarday", args=[self.pk])


class NotificationQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """A notification is read only by its recipient."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(ServiceWritesModel):
    """An in-app notice (also e-mailed); ``key`` makes every sending idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="tracking_notification_once")
        ]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(ServiceWritesModel):
    """The secret of a user's personal iCal feed of deadlines; revoking makes a new one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"
