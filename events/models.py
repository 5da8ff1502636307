"""Events (delegations, meetings, conferences, trainings, signings), their people and pledges,
outgoing trips' proposals (đề án) and the media coverage of foreign outreach."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BusinessRecord

from .choices import (
    CAPACITY_CREDITS,
    ConsultationPosition,
    EventLevel,
    EventType,
    Language,
    ParticipantSide,
    Platform,
    PledgeStatus,
    TripStatus,
)

# Decision 06/2020/QĐ-TTg: the request reaches the approving authority this many days ahead.
CONFERENCE_DAYS_PM = 40
CONFERENCE_DAYS_OTHER = 30
# The consulted bodies answer within this many (calendar) days of being consulted.
CONSULTATION_ANSWER_DAYS = 15
# The summary report of an international conference is due this many days after it ends.
CONFERENCE_REPORT_DAYS = 15


class Event(BusinessRecord):
    """A delegation, meeting, conference, training or signing; owned by the organising unit."""

    type = models.CharField(_("type"), max_length=16, choices=EventType.choices)
    title = models.CharField(_("title"), max_length=500)
    starts_on = models.DateField(_("starts on"), db_index=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    province = models.ForeignKey(
        "org.Unit",
        verbose_name=_("province or city (in Vietnam)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "province"},
    )
    city = models.CharField(_("city or venue"), max_length=200, blank=True)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country (abroad)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=16, choices=EventLevel.choices)
    attending_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("attending units"), blank=True, related_name="+"
    )
    agencies = models.ManyToManyField(
        "partners.ForeignAgency", verbose_name=_("foreign agencies"), blank=True, related_name="events"
    )
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("partner countries"), blank=True, related_name="events"
    )
    bodies = models.ManyToManyField(
        "partners.MultilateralBody",
        verbose_name=_("multilateral bodies"),
        blank=True,
        related_name="events",
    )
    participants_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    participants_more_than = models.BooleanField(
        _("more than this number"), default=False, help_text=_("Tick for “more than 300” and the like.")
    )
    instruments_signed = models.ManyToManyField(
        "instruments.Instrument", verbose_name=_("instruments signed"), blank=True, related_name="events"
    )
    summary = models.TextField(_("summary"), blank=True)
    # International conference held in Vietnam (Decision 06/2020/QĐ-TTg).
    international_conference = models.BooleanField(
        _("international conference held in Vietnam"), default=False
    )
    ministerial_participants = models.BooleanField(_("ministerial-level participants"), default=False)
    sensitive_topics = models.BooleanField(
        _("sensitive topics"),
        default=False,
        help_text=_("Security, sovereignty, religion, human rights, state secrets and the like."),
    )
    request_submitted_on = models.DateField(_("request submitted on"), null=True, blank=True)
    summary_report_on = models.DateField(_("summary report sent on"), null=True, blank=True)
    # A training that counts toward the staff capacity criterion (from its last day).
    capacity_credit = models.CharField(
        _("counts toward staff capacity as"),
        max_length=16,
        choices=CAPACITY_CREDITS,
        blank=True,
        help_text=_(
            "For a training: our staff linked to a capacity profile get this qualification from the "
            "event's last day."
        ),
    )

    access_unit_paths = ("attending_units",)
    search_fields = ("title", "city", "summary")
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["-starts_on", "id"], name="events_event_list_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The event cannot end before it starts.")
        elif (
            self.start_time
            and self.end_time
            and (self.ends_on is None or self.ends_on == self.starts_on)
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give the start time too.")
        if self.province_id and self.country_id:
            errors["country"] = _("Give a province in Vietnam or a country abroad, not both.")
        if self.participants_more_than and not self.participants_count:
            errors["participants_count"] = _("“More than” needs a number.")
        if self.international_conference and self.country_id:
            errors["international_conference"] = _(
                "An international conference held in Vietnam has no country abroad."
            )
        elif self.international_conference and self.type == EventType.OUTGOING:
            errors["international_conference"] = _(
                "An outgoing delegation is not a conference held in Vietnam."
            )
        if self.capacity_credit and self.type != EventType.TRAINING:
            errors["capacity_credit"] = _("Only a training counts toward staff capacity.")
        if self.summary_report_on and not self.international_conference:
            errors["summary_report_on"] = _("The summary report is that of an international conference.")
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        parts = [
            self.city,
            str(self.province) if self.province_id else "",
            str(self.country) if self.country_id else "",
        ]
        return ", ".join(p for p in parts if p)

    @property
    def participants_text(self) -> str:
        if not self.participants_count:
            return ""
        if self.participants_more_than:
            return str(_("more than {}")).format(self.participants_count)
        return str(self.participants_count)

    def partners_text(self) -> str:
        parts = (
            [str(p) for p in self.agencies.all()]
            + [str(p) for p in self.countries.all()]
            + [str(p) for p in self.bodies.all()]
        )
        return "; ".join(parts)

    def units_text(self) -> str:
        return "; ".join(str(u) for u in self.attending_units.all())

    @property
    def needs_pm_approval(self) -> bool:
        """Decision 06/2020/QĐ-TTg: ministerial participants or sensitive topics go to the Prime Minister."""
        return self.international_conference and (self.ministerial_participants or self.sensitive_topics)

    @property
    def request_days(self) -> int | None:
        if not self.international_conference:
            return None
        return CONFERENCE_DAYS_PM if self.needs_pm_approval else CONFERENCE_DAYS_OTHER

    @property
    def request_due_on(self) -> datetime.date | None:
        """The last day the request may reach the approving authority."""
        days = self.request_days
        if days is None or not self.starts_on:
            return None
        return self.starts_on - datetime.timedelta(days=days)

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.starts_on


class ProgrammeItem(BusinessRecord):
    """One item of an event's programme (a session, a visit, talks)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme"
    )
    day = models.DateField(_("day"))
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=300)
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    access_parent = "event"
    search_fields = ("title", "place")

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["event", "day", "time", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:programmeitem", args=[self.pk])


class Participant(BusinessRecord):
    """Someone at an event: one of our staff (fictional in the demo) or a foreign guest."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants"
    )
    side = models.CharField(_("side"), max_length=8, choices=ParticipantSide.choices)
    name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("our unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.CharField(_("agency"), max_length=300, blank=True)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Our staff: their capacity profile, so that trainings attended count toward capacity.
    profile = models.ForeignKey(
        "capacity.StaffProfile",
        verbose_name=_("staff profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_participations",
    )
    key_leader = models.BooleanField(
        _("key leader"), default=False, help_text=_("Head or deputy head of a unit, or Ministry leadership.")
    )
    head_of_delegation = models.BooleanField(_("head of delegation"), default=False)
    order = models.PositiveIntegerField(_("protocol order"), default=0, validators=[MinValueValidator(0)])

    access_parent = "event"
    personal_fields = ("name",)
    search_fields = ("name", "title", "agency")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "side", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:participant", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.side == ParticipantSide.OURS and self.country_id:
            raise ValidationError({"country": _("Our staff have a unit, not a country.")})
        if self.side == ParticipantSide.GUEST and self.unit_id:
            raise ValidationError(
                {"unit": _("A foreign guest has an agency and a country, not one of our units.")}
            )
        if self.side == ParticipantSide.GUEST and self.profile_id:
            raise ValidationError({"profile": _("Only our staff have a capacity profile.")})


class Pledge(BusinessRecord):
    """Something agreed or promised at an event; it becomes a tracked obligation in one action."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="pledges"
    )
    text = models.TextField(_("pledge"))
    made_by = models.CharField(_("by whom"), max_length=300, blank=True)
    due_hint = models.DateField(_("expected by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.OPEN
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    access_parent = "event"
    search_fields = ("text", "made_by")

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["event", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return reverse("events:pledge", args=[self.pk])


class Consultation(BusinessRecord):
    """A body consulted on an international conference held in Vietnam, and its answer.

    Decision 06/2020/QĐ-TTg: the consulted bodies answer within 15 days; the answer is a
    tracked obligation of the organising unit, completed when the answer is recorded.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="consultations"
    )
    body = models.CharField(_("consulted body"), max_length=300)
    consulted_on = models.DateField(_("consulted on"))
    answer_days = models.PositiveSmallIntegerField(
        _("answer due within (days)"),
        default=CONSULTATION_ANSWER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Calendar days after the consultation."),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    position = models.CharField(
        _("position"), max_length=16, choices=ConsultationPosition.choices, blank=True
    )
    answer = models.TextField(_("answer"), blank=True)

    access_parent = "event"
    search_fields = ("body", "answer")

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["event", "consulted_on", "pk"]

    def __str__(self) -> str:
        return self.body

    def get_absolute_url(self) -> str:
        return reverse("events:consultation", args=[self.pk])

    @property
    def answer_due_on(self) -> datetime.date | None:
        if not self.consulted_on:
            return None
        return self.consulted_on + datetime.timedelta(days=self.answer_days or CONSULTATION_ANSWER_DAYS)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.event_id and not self.event.international_conference:
            errors["event"] = _("Bodies are consulted on an international conference held in Vietnam.")
        if self.answered_on and self.consulted_on and self.answered_on < self.consulted_on:
            errors["answered_on"] = _("The answer cannot precede the consultation.")
        if self.position and not self.answered_on:
            errors["answered_on"] = _("Give the date of the answer.")
        if errors:
            raise ValidationError(errors)


class TripProposal(BusinessRecord):
    """The proposal (đề án) of an outgoing delegation: proposal → approved → done (returned)."""

    event = models.OneToOneField(
        Event, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="trip"
    )
    purpose = models.TextField(_("purpose"))
    host = models.CharField(_("host"), max_length=300, blank=True)
    programme = models.TextField(_("programme"), blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)
    in_plan = models.BooleanField(_("in the unit's yearly foreign-affairs plan"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TripStatus.choices, default=TripStatus.PROPOSAL
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    report_days = models.PositiveSmallIntegerField(
        _("report due within (days)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Calendar days after the return."),
    )

    access_parent = "event"
    search_fields = ("purpose", "host")

    class Meta:
        verbose_name = _("trip proposal")
        verbose_name_plural = _("trip proposals")
        ordering = ["-event__starts_on", "pk"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("events:tripproposal", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.event_id and self.event.type != EventType.OUTGOING:
            raise ValidationError({"event": _("A trip proposal belongs to an outgoing delegation.")})
        if self.returned_on and self.event_id and self.returned_on < self.event.starts_on:
            raise ValidationError({"returned_on": _("The return cannot precede the departure.")})


class MediaItem(BusinessRecord):
    """A press, television, online or social-media item of foreign outreach."""

    outlet = models.CharField(_("outlet"), max_length=200)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = models.DateField(_("date"), db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.VI)
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.SET_NULL, related_name="media"
    )
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("partner countries"), blank=True, related_name="+"
    )
    agencies = models.ManyToManyField(
        "partners.ForeignAgency", verbose_name=_("foreign agencies"), blank=True, related_name="+"
    )

    # Coverage of an event is visible to the units that attended it.
    access_unit_paths = ("event__attending_units",)
    search_fields = ("outlet", "title")

    class Meta:
        verbose_name = _("media item")
        verbose_name_plural = _("media items")
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:mediaitem", args=[self.pk])
