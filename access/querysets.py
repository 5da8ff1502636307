"""The one visibility rule (DESIGN.md section 4.1), applied once as a queryset method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .choices import levels_up_to
from .guards import ServiceWritesQuerySet
from .scope import in_service

if TYPE_CHECKING:
    # The user model is org's; access knows it only as the project's user model.
    from django.contrib.auth.models import AbstractBaseUser as User


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """``field__any_of=subquery``: ``IN (subquery)``, but on PostgreSQL
    ``= ANY(ARRAY(subquery))``. The array is computed once (an InitPlan) and the comparison
    can then use the column's index, so the arms of ``visible_to``'s OR combine as a bitmap
    OR of index scans; ``IN (subquery)`` under an OR is a hashed filter over every row
    (measured: cases of one province, 106 ms seq scan of 300,000 rows before)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def _parts(self, compiler, connection) -> tuple[str, str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        if not rhs.startswith("("):
            rhs = f"({rhs})"
        return lhs, rhs, [*lhs_params, *rhs_params]

    def as_sql(self, compiler, connection):
        lhs, rhs, params = self._parts(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler, connection):
        lhs, rhs, params = self._parts(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


models.ForeignObject.register_lookup(AnyOf)  # foreign keys keep lookups of their own


def _single_valued(model: type[models.Model], path: str) -> bool:
    """Whether every step of ``path`` is a forward foreign key (no row can repeat)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return False
        model = field.related_model
    return True


def _ids_reaching(model: type[models.Model], unit_path: str, unit_ids: models.QuerySet) -> models.QuerySet:
    """Ids of ``model`` rows whose many-valued ``unit_path`` reaches one of ``unit_ids``.

    A many-to-many to units is read on its link rows alone; a reverse foreign key on the
    related rows (``assignments__unit``, ``relationships__responsible_units``), which hold
    our id: neither joins back to ``model`` (at national size the join read every
    obligation for a province's 4,900 assignments). Other paths join.
    """
    first, _, rest = unit_path.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_many and not field.auto_created and not rest:
        through = field.remote_field.through
        return (
            through._base_manager.filter(**{f"{field.m2m_reverse_field_name()}_id__any_of": unit_ids})
            .order_by()
            .values(f"{field.m2m_field_name()}_id")
        )
    if field.one_to_many and rest and "__" not in rest:
        return (
            field.related_model._base_manager.filter(**{f"{rest}__pk__any_of": unit_ids})
            .order_by()
            .values(field.field.attname)
        )
    return model._base_manager.filter(**{f"{unit_path}__pk__any_of": unit_ids}).order_by().values("pk")


class BusinessQuerySet(ServiceWritesQuerySet):
    """Queryset of every business record: ``visible_to`` is the only user-facing read.

    The records it hands out are marked with their viewer (``access.links.mark_links``), so
    no link to a record the viewer may not see is shown through them.
    """

    _viewer: Any = None

    @classmethod
    def as_manager(cls) -> models.Manager:
        from .links import LinkAwareManager

        manager = LinkAwareManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True  # type: ignore[attr-defined]

    def _clone(self) -> BusinessQuerySet:
        clone = super()._clone()
        clone._viewer = self._viewer
        return clone

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            viewer = self._viewer
            if viewer is None or not issubclass(self._iterable_class, models.query.ModelIterable):
                self._result_cache = list(self._iterable_class(self))
            else:
                self._result_cache = self._fetch_marked(viewer)
        if self._prefetch_related_lookups and not self._prefetch_done:
            self._prefetch_related_objects()

    def _fetch_marked(self, viewer: Any) -> list:
        """Read the records with, in the same query, which of their links the viewer sees."""
        from .links import link_checks, mark_links

        if in_service():  # services read everything; their link checks are explicit
            return list(self._iterable_class(self))
        checks = link_checks(self.query, self.model, viewer)
        qs = self
        if checks:
            qs = self._chain()
            for alias, expression in checks.items():
                qs.query.add_annotation(expression, alias, select=True)
        rows = list(self._iterable_class(qs))
        mark_links(rows, viewer, self.query, checks)
        return rows

    def visible_to(self, user: User | None) -> BusinessQuerySet:
        """Records the user may see, marked so that their links show only what the user sees.

        Visible when the classification is at most the user's clearance and either the user
        has ministry-wide scope, or a unit path of the record (owner unit, assignments,
        shares) lies in the user's unit subtree. Child models (``access_parent``) follow
        their parent exactly.
        """
        qs = self._visible_to(user)
        if getattr(user, "is_authenticated", False):
            qs._viewer = user
        return qs

    def _visible_to(self, user: User | None) -> BusinessQuerySet:
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
        unit_ids = apps.get_model("org", "Unit").objects.subtree_ids(user.unit)
        scope = models.Q(owner_unit_id__any_of=unit_ids)
        for unit_path in getattr(model, "access_unit_paths", ()):
            if _single_valued(model, unit_path):
                first, _, rest = unit_path.partition("__")
                if not rest:
                    scope |= models.Q(**{f"{first}_id__any_of": unit_ids})
                    continue
                # Through a foreign key: compare our own indexed column with the ids of the
                # related rows in the subtree (a join under the OR would scan every row).
                related = model._meta.get_field(first).related_model
                scope |= models.Q(
                    **{
                        f"{first}_id__any_of": related._base_manager.filter(**{f"{rest}__in": unit_ids})
                        .order_by()
                        .values("pk")
                    }
                )
                continue
            # Multi-valued paths go through a subquery so a record never appears twice.
            scope |= models.Q(pk__any_of=_ids_reaching(model, unit_path, unit_ids))
        share_model = apps.get_model("core", "Share")
        scope |= models.Q(
            pk__any_of=share_model.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                unit__path__startswith=prefix,
            )
            .order_by()
            .values("object_id")
        )
        return qs.filter(scope)
