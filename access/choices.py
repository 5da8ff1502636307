"""Clearance levels and roles (DESIGN.md sections 1 and 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    """Độ mật, ordered from lowest to highest."""

    THUONG = "thuong", _("Unclassified")
    MAT = "mat", _("Confidential")
    TOI_MAT = "toi_mat", _("Secret")
    TUYET_MAT = "tuyet_mat", _("Top secret")


LEVEL_ORDER: tuple[str, ...] = tuple(Classification.values)


def level_rank(level: str) -> int:
    return LEVEL_ORDER.index(level)


def levels_up_to(level: str) -> list[str]:
    """All classifications at most ``level``: the ones a holder of that clearance may read."""
    return list(LEVEL_ORDER[: level_rank(level) + 1])


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    OFFICER = "officer", _("Officer")
    UNIT_HEAD = "unit_head", _("Unit head")
    COORDINATOR = "coordinator", _("Coordinator (Department of Foreign Relations)")
    LEADERSHIP = "leadership", _("Ministry leadership")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose scope is the whole unit tree (DESIGN.md section 1).
MINISTRY_WIDE_ROLES = frozenset({Role.COORDINATOR, Role.LEADERSHIP})


# Default protection periods in years (Law on Protection of State Secrets, DESIGN.md 6).
DEFAULT_PROTECTION_YEARS: dict[str, int] = {"mat": 10, "toi_mat": 20, "tuyet_mat": 30}
