"""Trainings and events attended, as other modules record them.

Capacity depends on org only and never imports the modules that hold events: a higher app
(``events``) registers an ``AttendanceSource`` here in its ``AppConfig.ready()``. A source
gives two reads, both through ``visible_to(user)`` of its own records:

- ``qualifications(user, profile_ids)``: rows ``profile_id, kind, obtained_on, expires_on``
  (a queryset's ``values()``, one query for any number of profiles) that count toward the
  criterion exactly like ``Qualification`` rows: a training marked as international-law
  training counts as that qualification from ``obtained_on`` (the event's last day) on;
- ``credits(user)``: the same rows as a queryset with ``profile_id``, ``kind`` and
  ``obtained_on`` that the SQL indicator filters with ``OuterRef`` inside ``Exists``;
- ``attended(user, profile)``: the rows of the profile page (day, title, url, type, credit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AttendanceSource:
    key: str
    qualifications: Callable[[Any, Any], Iterable[dict[str, Any]]]
    attended: Callable[[Any, Any], list[dict[str, Any]]]
    credits: Callable[[Any], Any]


_sources: dict[str, AttendanceSource] = {}


def register_attendance(source: AttendanceSource) -> AttendanceSource:
    _sources[source.key] = source
    return source


def attendance_sources() -> list[AttendanceSource]:
    return list(_sources.values())


def attended(user: Any, profile: Any) -> list[dict[str, Any]]:
    """Every visible training or event the person attended, newest first."""
    rows: list[dict[str, Any]] = []
    for source in attendance_sources():
        rows.extend(source.attended(user, profile))
    return sorted(rows, key=lambda r: r["day"], reverse=True)
