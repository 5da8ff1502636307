"""Sections that other apps add to the partner profiles (the 360-degree view).

Partners never imports the apps that fill its profiles (STYLE.md): they register here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class ProfileSection:
    key: str  # "instruments", "obligations", "cases", "events"
    label: Any
    template: str
    # (request, partner) -> context for the template; partner is a Country, ForeignAgency or MultilateralBody
    context: Callable[[HttpRequest, Any], dict[str, Any]]


SECTIONS: dict[str, ProfileSection] = {}
PLANNED = ("instruments", "obligations", "cases", "events")


def register_profile_section(section: ProfileSection) -> None:
    SECTIONS[section.key] = section


def profile_sections(request: HttpRequest, partner: Any) -> list[dict[str, Any]]:
    """Registered sections with their context, and the planned ones still waiting for their app."""
    out = []
    for key in PLANNED:
        section = SECTIONS.get(key)
        if section is None:
            out.append({"key": key, "ready": False})
        else:
            out.append(
                {
                    "key": key,
                    "ready": True,
                    "label": section.label,
                    "template": section.template,
                    **section.context(request, partner),
                }
            )
    return out
