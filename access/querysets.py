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
        scope = models.Q(owner_unit__path__startswith=prefix)
        for unit_path in getattr(model, "access_unit_paths", ()):
            # Multi-valued paths go through a subquery so a record never appears twice.
            scope |= models.Q(
                pk__in=model._base_manager.filter(**{f"{unit_path}__path__startswith": prefix}).values("pk")
            )
        share_model = apps.get_model("core", "Share")
        scope |= models.Q(
            pk__in=share_model.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                unit__path__startswith=prefix,
            ).values("object_id")
        )
        return qs.filter(scope)
