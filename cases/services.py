"""Writes of cooperation cases, operations and their reference data.

A case's response deadline is an assignment of the tracking engine: when the deadline starts
to run (on creation for an incoming request, when it is sent for an outgoing one), the case
becomes an obligation (source kind "case") assigned (lead) to the lead unit, due on the
response date, so overdue cases show on the tracking engine's boards and get its reminders.
The deadline is a rule of the case type, not a decision of the officer, so the obligation and
its assignment are written by the system actor (``SYSTEM``) inside the same transaction as
the case. When the case is answered, closed, refused or withdrawn, the service completes the
assignment with a 100 % progress report (submitted and approved by the system).

A provisional arrest in an extradition case is a second duty of the same case (source kind
"arrest"), written the same way: recording the arrest date opens it for the lead unit, due when
the rule set's limit (45 days) runs out; correcting the date moves it; clearing the date (entered
by mistake) deletes it; the end of the arrest (formal request received, person released or
extradited) or the case being settled completes it. The partner's pause does not stop it.

The rule set of the case's type and date (``RuleSet``) is stamped on the case with the rules
applied; it names the central authority the case must go through and the arrest limit, and the
response rules tied to it give the response days.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import level_rank
from access.links import visible_ids
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.services import (
    child_changes,
    child_data,
    record_create,
    record_delete,
    record_share,
    record_update,
    service,
    split_m2m,
)
from instruments.models import Instrument
from tracking import services as tracking
from tracking.choices import SourceKind
from tracking.models import Assignment, Obligation, ProgressReport

from .choices import (
    DEFAULT_RESPONSE_DAYS,
    SETTLED,
    TRANSITIONS,
    WAITING,
    CaseStatus,
    Direction,
    rules_for,
)
from .models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    LetterTemplate,
    Operation,
    Outcome,
    PersonalDataItem,
    PersonalDataTransfer,
    ReleaseDecision,
    ResponseRule,
    RuleSet,
)

CASE_M2M = ("countries", "agencies", "support_units")
OPERATION_M2M = ("countries", "agencies", "cases", "participating_units")


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and value:
        return datetime.date.fromisoformat(value)
    return value


def response_rule(case_type: str, rule_set: RuleSet | None = None) -> ResponseRule | None:
    """The coordinators' response rule of a case: the one tied to its rule set, else the type's."""
    rules = ResponseRule.objects.filter(case_type=case_type)
    if rule_set is not None:
        tied = rules.filter(rule_set=rule_set).first()
        if tied is not None:
            return tied
    return rules.filter(rule_set__isnull=True).first()


def response_days(case_type: str, rule_set: RuleSet | None = None) -> int:
    """Days for a response: the coordinators' rule (of the rule set, else the type), else the default."""
    rule = response_rule(case_type, rule_set)
    return rule.days if rule else DEFAULT_RESPONSE_DAYS.get(case_type, 30)


def check_transition(before: str | None, after: str) -> None:
    if before is None or before == after:
        return
    if after not in TRANSITIONS.get(before, frozenset()):
        labels = dict(CaseStatus.choices)
        allowed = ", ".join(str(labels[s]) for s in sorted(TRANSITIONS.get(before, ()))) or _("none")
        raise ValidationError(
            {
                "status": _("A case cannot go from “{}” to “{}”. Allowed next: {}.").format(
                    labels[before], labels[after], allowed
                )
            }
        )


def _deadline_starts(case: CooperationCase) -> datetime.date | None:
    """The day the response deadline starts to run, or None while it does not run yet."""
    if case.direction == Direction.INCOMING:
        return case.opened_on
    if case.status in WAITING or case.status in SETTLED:
        return case.opened_on
    return None


def _stamp_case(case: CooperationCase) -> None:
    case.opened_on = _as_date(case.opened_on)
    case.response_due_on = _as_date(case.response_due_on)
    if not case.rules_applied and case.opened_on:
        case.rules_applied = rules_for(case.opened_on)
    stale = case.rule_set_id is not None and case.rule_set.case_type != case.type
    if (case.rule_set_id is None or stale) and case.type and case.opened_on:
        # Stamped like the rules applied: from the date the case was opened, kept on later edits
        # of the date; a change of type takes the rule set of the new type.
        case.rule_set = RuleSet.in_force(case.type, case.opened_on)
    case.provisional_arrest_on = _as_date(case.provisional_arrest_on)
    case.provisional_arrest_ended_on = _as_date(case.provisional_arrest_ended_on)
    if not case.status:
        case.status = CaseStatus.RECEIVED if case.direction == Direction.INCOMING else CaseStatus.DRAFTED
    if case.response_due_on is None and case.type and _deadline_starts(case) is not None:
        start = _deadline_starts(case)
        if case.direction == Direction.OUTGOING and case.status in WAITING:
            start = max(start, timezone.localdate()) if case.pk else start
        rule_set = case.rule_set if case.rule_set_id else None
        case.response_due_on = start + datetime.timedelta(days=response_days(case.type, rule_set))
    if case.status in ("closed", "refused", "withdrawn") and not case.closed_on:
        case.closed_on = timezone.localdate()
    if case.paused_reason and not case.paused_on:
        case.paused_on = timezone.localdate()
    if not case.paused_reason:
        case.paused_on = None


def case_assignment(case: CooperationCase, kind: str = SourceKind.CASE) -> Assignment | None:
    """The lead assignment of a tracked duty of the case (its response deadline by default)."""
    obligation = tracking.existing_for_source(case, kind=kind)
    if obligation is None:
        return None
    return obligation.assignments.filter(role="lead", parent__isnull=True).first()


def arrest_assignment(case: CooperationCase) -> Assignment | None:
    """The tracked provisional-arrest limit of the case, if an arrest was recorded."""
    return case_assignment(case, SourceKind.ARREST)


def _complete(assignment: Assignment, narrative: str) -> None:
    """Complete a tracked duty with a 100 % report, submitted and approved by the system."""
    period = tracking.current_period(assignment)
    if period is None:
        return
    report = tracking.report_submit(
        actor=SYSTEM,
        data={"assignment": assignment, "period": period, "percent": 100, "narrative": narrative},
    )
    tracking.report_approve(actor=SYSTEM, obj=report, version=report.version)


def _done(assignment: Assignment) -> bool:
    return ProgressReport.objects.filter(assignment=assignment, status="approved", percent=100).exists()


def _sync_arrest(case: CooperationCase) -> None:
    """Open, move, complete or remove the tracked provisional-arrest limit of the case."""
    obligation = tracking.existing_for_source(case, kind=SourceKind.ARREST)
    ended = bool(case.provisional_arrest_end) or case.status in SETTLED
    deadline = case.provisional_arrest_deadline
    if obligation is None:
        if deadline is None or ended:
            return
        rules = case.rule_set if case.rule_set_id else None
        source = (
            rules.citation if rules is not None and rules.provisional_arrest_days else _("hoptac default")
        )
        obligation = tracking.obligation_from_source(
            actor=SYSTEM,
            source=case,
            owner_unit=case.owner_unit,
            kind=SourceKind.ARREST,
            data={
                "priority": "high",
                "title": _("Provisional arrest, {days}-day limit: {title}").format(
                    days=case.provisional_arrest_limit, title=case.title
                ),
                "description": _(
                    "The partner's extradition request must arrive within {days} days of the provisional "
                    "arrest ({source}); otherwise the person is released."
                ).format(days=case.provisional_arrest_limit, source=source),
            },
        )
        tracking.assignment_create(
            actor=SYSTEM,
            data={
                "obligation": obligation,
                "unit": case.owner_unit,
                "role": "lead",
                "deadline_kind": "date",
                "assigned_on": case.provisional_arrest_on,
                "due_on": deadline,
            },
        )
        return
    assignment = obligation.assignments.filter(role="lead", parent__isnull=True).first()
    if assignment is None or _done(assignment):
        return
    if deadline is None:
        # The arrest was recorded by mistake: its deadline goes with it (nothing was reported).
        tracking.obligation_delete(actor=SYSTEM, obj=obligation, version=None)
        return
    if ended:
        reason = case.get_provisional_arrest_end_display() if case.provisional_arrest_end else ""
        _complete(
            assignment,
            _("Provisional arrest ended: {}.").format(reason or case.get_status_display().lower()),
        )
    elif assignment.due_on != deadline:
        tracking.assignment_update(
            actor=SYSTEM,
            obj=assignment,
            data={"due_on": deadline, "assigned_on": min(case.provisional_arrest_on, deadline)},
            version=assignment.version,
        )


def _sync_deadline(case: CooperationCase) -> None:
    """Open, move or complete the tracked response deadline of the case."""
    obligation = tracking.existing_for_source(case, kind=SourceKind.CASE)
    if obligation is None:
        if case.response_due_on is None or case.status in SETTLED or _deadline_starts(case) is None:
            return
        obligation = tracking.obligation_from_source(
            actor=SYSTEM,
            source=case,
            owner_unit=case.owner_unit,
            kind=SourceKind.CASE,
            data={"priority": "high"},
        )
        tracking.assignment_create(
            actor=SYSTEM,
            data={
                "obligation": obligation,
                "unit": case.owner_unit,
                "role": "lead",
                "deadline_kind": "date",
                "assigned_on": min(case.opened_on, case.response_due_on),
                "due_on": case.response_due_on,
            },
        )
        return
    assignment = obligation.assignments.filter(role="lead", parent__isnull=True).first()
    if assignment is None:
        return
    if (case.paused_reason or "") != assignment.pause_reason:
        # The case's pause is its deadline's: reminders stop while waiting on the partner.
        assignment = tracking.assignment_pause_reminders(
            actor=SYSTEM, obj=assignment, reason=case.paused_reason, version=assignment.version
        )
    if _done(assignment):
        return
    if case.status in SETTLED:
        _complete(assignment, _("Case {}: {}.").format(case.get_status_display().lower(), case.title))
    elif case.response_due_on and assignment.due_on != case.response_due_on:
        tracking.assignment_update(
            actor=SYSTEM,
            obj=assignment,
            data={
                "due_on": case.response_due_on,
                "assigned_on": min(assignment.assigned_on, case.response_due_on),
            },
            version=assignment.version,
        )


@service
def case_create(*, actor: Any, data: dict[str, Any]) -> CooperationCase:
    """Record a case; the rules of its date are stamped and its response deadline is tracked."""
    data, m2m = split_m2m(data, CASE_M2M)
    data.pop("rules_applied", None)
    case = record_create(actor=actor, model=CooperationCase, data=data, m2m=m2m, before_save=_stamp_case)
    _sync_deadline(case)
    _sync_arrest(case)
    return case


@service
def case_update(
    *, actor: Any, obj: CooperationCase, data: dict[str, Any], version: int | None
) -> CooperationCase:
    """Change a case; its status moves only along the allowed transitions."""
    data, m2m = split_m2m(data, CASE_M2M)
    data.pop("rules_applied", None)
    before = CooperationCase.objects.values_list("status", flat=True).get(pk=obj.pk)
    if data.get("status"):
        check_transition(before, data["status"])
    case = record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m, before_save=_stamp_case)
    _sync_deadline(case)
    _sync_arrest(case)
    return case


@service
def case_transition(*, actor: Any, obj: CooperationCase, status: str, version: int | None) -> CooperationCase:
    """Move a case to its next status (sent, acknowledged, answered, closed...)."""
    return case_update(actor=actor, obj=obj, data={"status": status}, version=version)


@service
def case_delete(*, actor: Any, obj: CooperationCase, version: int | None) -> None:
    """Delete a case and its tracked deadlines (refused once progress was reported on them)."""
    obligations = list(
        Obligation.objects.filter(
            source_type=ContentType.objects.get_for_model(CooperationCase), source_id=str(obj.pk)
        ).order_by("pk")
    )
    record_delete(actor=actor, obj=obj, version=version)
    for obligation in obligations:
        tracking.obligation_delete(actor=SYSTEM, obj=obligation, version=None)


def _child_services(model: type, parent_field: str):
    def create(*, actor: Any, data: dict[str, Any]) -> Any:
        return record_create(actor=actor, model=model, data=child_data(data[parent_field], data))

    def update(*, actor: Any, obj: Any, data: dict[str, Any], version: int | None) -> Any:
        return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)

    def delete(*, actor: Any, obj: Any, version: int | None) -> None:
        record_delete(actor=actor, obj=obj, version=version)

    return service(create), service(update), service(delete)


reference_create, reference_update, reference_delete = _child_services(CaseReference, "case")
subject_create, subject_update, subject_delete = _child_services(CaseSubject, "case")
decision_create, decision_update, decision_delete = _child_services(ReleaseDecision, "case")
_unused_create, _unused_update, transfer_delete = _child_services(PersonalDataTransfer, "case")


# --- Exchanged information: release of classified information, transfers of personal data ---


def check_release(message: CaseMessage) -> None:
    """A Mật or Tối mật message sent to a partner needs the release decision of its case."""
    if message.direction != "sent" or level_rank(message.classification) < level_rank("mat"):
        return
    decision = message.release_decision
    if message.classification == "tuyet_mat" and decision is None:
        raise ValidationError(
            {
                "release_decision": _(
                    "Top secret information goes to a foreign partner only on a recorded release decision "
                    "of the General Secretary, the President, the Prime Minister or the Chair of the "
                    "National Assembly."
                )
            }
        )
    if decision is None:
        raise ValidationError(
            {
                "release_decision": _(
                    "Classified information goes to a foreign partner only on a recorded release "
                    "decision of the Minister or a Deputy Minister."
                )
            }
        )
    if decision.case_id != message.case_id:
        raise ValidationError({"release_decision": _("The release decision belongs to another case.")})
    if level_rank(decision.released_level) < level_rank(message.classification):
        raise ValidationError(
            {"release_decision": _("The decision releases information of a lower classification only.")}
        )
    if message.date and _as_date(decision.decided_on) > _as_date(message.date):
        raise ValidationError({"release_decision": _("The decision was taken after the message was sent.")})


def _check_subjects(case: CooperationCase, subjects: list[CaseSubject]) -> None:
    if any(s.case_id != case.pk for s in subjects):
        raise ValidationError({"subjects": _("Choose subjects of this case.")})


def transfer_details(case: CooperationCase, subjects: list[CaseSubject]) -> dict[str, Any]:
    """What a transfer of these subjects' data to the case's partners consists of (for the register)."""
    agencies = list(case.agencies.all())
    countries = list(case.countries.all())
    recipient = ", ".join(str(a) for a in agencies) or ", ".join(str(c) for c in countries)
    items = list(PersonalDataItem.objects.filter(subject__in=subjects).order_by("category", "pk"))
    categories: list[str] = []
    for item in items:
        label = str(item.get_category_display())
        if label not in categories:
            categories.append(label)
    what = _("Identity data (name, date of birth, nationality, identity document)")
    if categories:
        what = f"{what}; {'; '.join(categories)}"
    country = countries[0] if countries else (agencies[0].country if agencies else None)
    return {
        "recipient": (recipient or _("Partner of the case"))[:500],
        "recipient_country": country,
        "subject_names": "; ".join(s.full_name for s in subjects)[:1000],
        "data_transferred": what[:500],
        "includes_sensitive": any(i.sensitivity == "sensitive" for i in items),
        "legal_basis": "treaty" if case.legal_basis_id else "crime_prevention",
        "instrument": case.legal_basis,
    }


def _record_transfer(actor: Any, message: CaseMessage, subjects: list[CaseSubject]) -> None:
    """Enter a sent message that carries subjects' data in the transfer register (once)."""
    if message.direction != "sent" or not subjects:
        return
    existing = PersonalDataTransfer.objects.filter(message=message).first()
    details = transfer_details(message.case, subjects)
    if existing is None:
        transfer_create(
            actor=actor,
            data={"case": message.case, "message": message, "transferred_on": message.date, **details},
        )
    else:
        transfer_update(
            actor=actor, obj=existing, data={**details, "subjects": subjects}, version=existing.version
        )


@service
def transfer_create(*, actor: Any, data: dict[str, Any]) -> PersonalDataTransfer:
    """Record a transfer of personal data to a foreign counterpart."""
    data, m2m = split_m2m(data, ("subjects",))
    subjects = list((m2m or {}).get("subjects", []))
    if not subjects and data.get("message") is not None:
        subjects = list(data["message"].subjects.all())
    _check_subjects(data["case"], subjects)
    if subjects and not data.get("subject_names"):
        data["subject_names"] = "; ".join(s.full_name for s in subjects)[:1000]
    return record_create(
        actor=actor,
        model=PersonalDataTransfer,
        data=child_data(data["case"], data),
        m2m={"subjects": subjects},
    )


@service
def transfer_update(
    *, actor: Any, obj: PersonalDataTransfer, data: dict[str, Any], version: int | None
) -> PersonalDataTransfer:
    data, m2m = split_m2m(data, ("subjects",))
    if m2m and "subjects" in m2m:
        _check_subjects(obj.case, list(m2m["subjects"]))
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version, m2m=m2m)


@service
def message_create(*, actor: Any, data: dict[str, Any]) -> CaseMessage:
    """Log a message; classified sent information needs a release decision, carried personal
    data is entered in the transfer register."""
    data, m2m = split_m2m(data, ("subjects",))
    subjects = list((m2m or {}).get("subjects", []))
    _check_subjects(data["case"], subjects)
    message = record_create(
        actor=actor,
        model=CaseMessage,
        data=child_data(data["case"], data),
        m2m={"subjects": subjects},
        before_save=check_release,
    )
    _record_transfer(actor, message, subjects)
    return message


@service
def message_update(*, actor: Any, obj: CaseMessage, data: dict[str, Any], version: int | None) -> CaseMessage:
    data, m2m = split_m2m(data, ("subjects",))
    if m2m and "subjects" in m2m:
        _check_subjects(obj.case, list(m2m["subjects"]))
    message = record_update(
        actor=actor,
        obj=obj,
        data=child_changes(obj, data),
        version=version,
        m2m=m2m,
        before_save=check_release,
    )
    _record_transfer(actor, message, list(message.subjects.all()))
    return message


@service
def message_delete(*, actor: Any, obj: CaseMessage, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


item_create, item_update, item_delete = _child_services(PersonalDataItem, "subject")


def check_share(obj: Any) -> None:
    """Sharing beyond a handling code is refused: a message coded H2 or H3 (or a case holding
    one) is not passed on to other units without the provider's permission."""
    if isinstance(obj, CaseMessage):
        blocked = [] if obj.may_disseminate else [obj]
    elif isinstance(obj, CooperationCase):
        blocked = list(CaseMessage.objects.filter(case=obj, handling_code__in=("h2", "h3")).order_by("date"))
    else:
        return
    if blocked:
        first = blocked[0]
        raise ValidationError(
            {
                "units": _(
                    "Not shared: the message of {} is coded “{}”; it may not be passed on without the "
                    "provider's permission."
                ).format(first.date.strftime("%d/%m/%Y"), first.get_handling_code_display())
            }
        )


@service
def case_share(*, actor: Any, obj: Any, units: list[Any], note: str = "") -> int:
    """Share a case (or a message) with units, within what the handling codes allow."""
    check_share(obj)
    return record_share(actor=actor, obj=obj, units=units, note=note)


# --- Outcomes: what was done, on the record it came out of, for the duty it serves ---


def _outcome_owner(data: dict[str, Any]) -> Any:
    """The one case, operation or progress report an outcome belongs to (else a clear error)."""
    owners = [data[name] for name in Outcome.OWNERS if data.get(name) is not None]
    if len(owners) != 1:
        message = _("An outcome belongs to exactly one case, operation or progress report: choose one.")
        raise ValidationError({name: [message] for name in Outcome.OWNERS})
    return owners[0]


def _check_outcome(actor: Any) -> Any:
    """Cross-row rules of an outcome, once its links are checked (``before_save``).

    An outcome of a progress report serves the obligation of the report's assignment: it is
    filled in when left empty, and another one is refused. The instrument is filled in from
    the obligation's document (a clause's instrument) or the case's legal basis, when the
    writer may see it: a derived link obeys the access rule like a chosen one.
    """

    def check(outcome: Outcome) -> None:
        if outcome.report_id:
            served = Assignment.objects.filter(reports=outcome.report_id).values_list(
                "obligation_id", flat=True
            )[0]
            if outcome.obligation_id is None and visible_ids(Obligation, actor, [served]):
                outcome.obligation_id = served
            elif outcome.obligation_id not in (None, served):
                raise ValidationError(
                    {
                        "obligation": _(
                            "An outcome of a progress report serves the obligation of its assignment."
                        )
                    }
                )
        if outcome.instrument_id is None:
            candidate = None
            if outcome.obligation_id:
                obligation = Obligation.objects.filter(pk=outcome.obligation_id).first()
                group = obligation.group if obligation else None
                candidate = group.pk if isinstance(group, Instrument) else None
            elif outcome.case_id:
                candidate = CooperationCase.objects.filter(pk=outcome.case_id).values_list(
                    "legal_basis_id", flat=True
                )[0]
            if candidate and visible_ids(Instrument, actor, [candidate]):
                outcome.instrument_id = candidate

    return check


@service
def outcome_create(*, actor: Any, data: dict[str, Any]) -> Outcome:
    """Record an outcome on its case, operation or progress report; it carries that record's
    unit and classification, and is seen wherever that record is seen."""
    owner = _outcome_owner(data)
    return record_create(
        actor=actor, model=Outcome, data=child_data(owner, data), before_save=_check_outcome(actor)
    )


@service
def outcome_update(*, actor: Any, obj: Outcome, data: dict[str, Any], version: int | None) -> Outcome:
    """Change an outcome; it stays on its record, and keeps the links its editor cannot see."""
    fixed = {*Outcome.OWNERS, "owner_unit", "classification"}
    changes = {k: v for k, v in data.items() if k not in fixed}
    return record_update(
        actor=actor, obj=obj, data=changes, version=version, before_save=_check_outcome(actor)
    )


@service
def outcome_delete(*, actor: Any, obj: Outcome, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def operation_create(*, actor: Any, data: dict[str, Any]) -> Operation:
    data, m2m = split_m2m(data, OPERATION_M2M)
    return record_create(actor=actor, model=Operation, data=data, m2m=m2m)


@service
def operation_update(*, actor: Any, obj: Operation, data: dict[str, Any], version: int | None) -> Operation:
    data, m2m = split_m2m(data, OPERATION_M2M)
    return record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)


@service
def operation_delete(*, actor: Any, obj: Operation, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def authority_create(*, actor: Any, data: dict[str, Any]) -> CompetentAuthority:
    return record_create(actor=actor, model=CompetentAuthority, data=data)


@service
def authority_update(
    *, actor: Any, obj: CompetentAuthority, data: dict[str, Any], version: int | None
) -> CompetentAuthority:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def authority_delete(*, actor: Any, obj: CompetentAuthority, version: int | None = None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def rule_set_create(*, actor: Any, data: dict[str, Any]) -> RuleSet:
    """Record the rules of a law for a case type and period (coordinators, administrators)."""
    return record_create(actor=actor, model=RuleSet, data=data)


@service
def rule_set_update(*, actor: Any, obj: RuleSet, data: dict[str, Any], version: int | None) -> RuleSet:
    """Correct a rule set; cases keep the rule set stamped on them, the new values apply to them."""
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def rule_set_delete(*, actor: Any, obj: RuleSet, version: int | None = None) -> None:
    """Delete a rule set; refused while cases or response rules use it (protected links)."""
    record_delete(actor=actor, obj=obj, version=version)


@service
def response_rule_create(*, actor: Any, data: dict[str, Any]) -> ResponseRule:
    return record_create(actor=actor, model=ResponseRule, data=data)


@service
def response_rule_update(
    *, actor: Any, obj: ResponseRule, data: dict[str, Any], version: int | None
) -> ResponseRule:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def response_rule_delete(*, actor: Any, obj: ResponseRule, version: int | None = None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def letter_template_create(*, actor: Any, data: dict[str, Any]) -> LetterTemplate:
    return record_create(actor=actor, model=LetterTemplate, data=data)


@service
def letter_template_update(
    *, actor: Any, obj: LetterTemplate, data: dict[str, Any], version: int | None
) -> LetterTemplate:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def letter_template_delete(*, actor: Any, obj: LetterTemplate, version: int | None = None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
