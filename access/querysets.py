"""The one visibility rule (DESIGN.md section 4.1), applied once as a queryset method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.guards import ServiceWritesQuerySet

from .choices import levels_up_to

if TYPE_CHECKING:
    from org.models import User


def _single_valued(model: type[models.Model], path: str) -> bool:
    """Whether every step of ``path`` is a forward foreign key (no row can repeat)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return False
        model = field.related_model
    return True


class BusinessQuerySet(ServiceWritesQuerySet):
    """Queryset of every business record: ``visible_to`` is the only user-facing read."""

    def visible_to(self, user: User | None) -> BusinessQuerySet:
        """Records the user may see.

        Visible when the classification is at most the user's clearance and either the user
        has ministry-wide scope, or a unit path of the record (owner unit, assignments,
        shares) lies in the user's unit subtree. Child models (``access_parent``) follow
        their parent exactly.
        """
        model = self.model
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        parent_field = getattr(model, "access_parent", None)
        if parent_field:
            parent_model = model._meta.get_field(parent_field).related_model
            return self.filter(**{f"{parent_field}__in": parent_model.objects.visible_to(user).values("pk")})
        if getattr(user, "unit_id", None) is None and not user.has_ministry_scope:
            return self.none()
        qs = self.filter(classification__in=levels_up_to(user.clearance))
        if user.has_ministry_scope:
            return qs
        prefix = user.unit.path
        # The subtree's unit ids once (a small indexed table), then plain id comparisons on
        # the record's own columns: at national size far cheaper than joining units per row.
        unit_ids = apps.get_model("org", "Unit").objects.filter(path__startswith=prefix).values("pk")
        scope = models.Q(owner_unit__in=unit_ids)
        for unit_path in getattr(model, "access_unit_paths", ()):
            if _single_valued(model, unit_path):
                scope |= models.Q(**{f"{unit_path}__in": unit_ids})
                continue
            # Multi-valued paths go through a subquery so a record never appears twice.
            scope |= models.Q(
                pk__in=model._base_manager.filter(**{f"{unit_path}__in": unit_ids}).values("pk")
            )
        share_model = apps.get_model("core", "Share")
        scope |= models.Q(
            pk__in=share_model.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                unit__path__startswith=prefix,
            ).values("object_id")
        )
        return qs.filter(scope)
