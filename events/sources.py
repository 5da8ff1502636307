"""How pledges, a delegation's post-trip duties and a conference's duties become obligations
of the tracking engine.

``events.registry`` registers these as ``tracking.sources.SourceSpec``s: a pledge (kind
"pledge"), the trip proposal (its report after the return), the event itself (an outgoing
delegation's official passports back, or an international conference's summary report) and
each consultation of a conference (the consulted body's answer), all grouped under the event.
"""

from __future__ import annotations

import textwrap
from typing import Any

from django.utils.translation import gettext as _

from .models import CONFERENCE_REPORT_DAYS, Consultation, Event, Pledge, TripProposal


def shorten(text: str, width: int = 200) -> str:
    return textwrap.shorten(" ".join((text or "").split()), width=width, placeholder=" …")


def pledge_defaults(pledge: Pledge) -> dict[str, Any]:
    description = pledge.text
    if pledge.made_by:
        description = "{}\n{}: {}".format(description, _("By"), pledge.made_by)
    return {"title": shorten(pledge.text), "description": description}


def pledge_label(pledge: Pledge) -> str:
    return "{} · {}".format(shorten(pledge.event.title, 120), _("pledge"))


def trip_defaults(trip: TripProposal) -> dict[str, Any]:
    return {
        "title": shorten(_("Report on the delegation's results: {}").format(trip.event.title), 480),
        "description": _("Due {} days after the return.").format(trip.report_days),
    }


def trip_label(trip: TripProposal) -> str:
    return "{} · {}".format(shorten(trip.event.title, 120), _("report after return"))


def passport_defaults(event: Event) -> dict[str, Any]:
    if event.international_conference:
        return {
            "title": shorten(_("Summary report of the conference: {}").format(event.title), 480),
            "description": _("Due {} days after the conference ends (Decision 06/2020/QĐ-TTg).").format(
                CONFERENCE_REPORT_DAYS
            ),
        }
    return {
        "title": shorten(_("Return the official passports: {}").format(event.title), 480),
        "description": _("Official passports go back within 5 working days of the return."),
    }


def passport_label(event: Event) -> str:
    if event.international_conference:
        return "{} · {}".format(shorten(event.title, 120), _("summary report"))
    return "{} · {}".format(shorten(event.title, 120), _("passports"))


def consultation_defaults(consultation: Consultation) -> dict[str, Any]:
    return {
        "title": shorten(
            _("Answer of {} on the conference: {}").format(consultation.body, consultation.event.title), 480
        ),
        "description": _("The consulted body answers within {} days of the consultation.").format(
            consultation.answer_days
        ),
    }


def consultation_label(consultation: Consultation) -> str:
    return f"{shorten(consultation.event.title, 120)} · {shorten(consultation.body, 80)}"


def event_duties(user: Any, event: Event) -> list[tuple[Any, int]]:
    """The event's trackable records: its pledges, the trip's report and the passports, or the
    conference's consultations and its summary report."""
    out: list[tuple[Any, int]] = [(p, 0) for p in Pledge.objects.visible_to(user).filter(event=event)]
    trip = TripProposal.objects.visible_to(user).filter(event=event).first()
    if trip is not None:
        out += [(trip, 0), (event, 0)]
    elif event.international_conference:
        out += [(c, 0) for c in Consultation.objects.visible_to(user).filter(event=event)]
        out.append((event, 0))
    return out
