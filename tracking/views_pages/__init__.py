"""Pages of the tracking engine: my work, boards, rates, the calendar and its feed, workflow steps.

Every read goes through ``tracking.selectors`` or ``visible_to``, every write through
``tracking.services``: a hidden record is 404, a refused step 403 (with the service's
reason), bad input 400 with the errors beside the fields, a stale version 409.
"""

from __future__ import annotations

from .assign import obligation_assign, obligation_assign_many
from .boards import (
    COMPLETION_SORTS,
    MY_WORK_SORTS,
    OVERDUE_SORTS,
    completion,
    my_work,
    not_implemented,
    overdue_board,
)
from .calendar import deadline_calendar, feed_ics, feed_page, ical_calendar
from .common import FEED_FUTURE_DAYS, FEED_PAST_DAYS, PAGE_SIZE
from .coverage import COVERAGE_SORTS, coverage_list, coverage_track
from .steps import (
    REPORT_RELATED,
    obstacle_answer,
    obstacle_decide,
    obstacle_escalate,
    report_approve,
    report_return,
)

__all__ = [
    "COMPLETION_SORTS",
    "COVERAGE_SORTS",
    "FEED_FUTURE_DAYS",
    "FEED_PAST_DAYS",
    "MY_WORK_SORTS",
    "OVERDUE_SORTS",
    "PAGE_SIZE",
    "REPORT_RELATED",
    "completion",
    "coverage_list",
    "coverage_track",
    "deadline_calendar",
    "feed_ics",
    "feed_page",
    "ical_calendar",
    "my_work",
    "not_implemented",
    "obligation_assign",
    "obligation_assign_many",
    "obstacle_answer",
    "obstacle_decide",
    "obstacle_escalate",
    "overdue_board",
    "report_approve",
    "report_return",
]
