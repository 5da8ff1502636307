"""Links are data too (DESIGN.md 4.1): a viewer never learns a linked record it may not see.

Every record read through ``visible_to(user)`` is *marked* with its viewer before it is
handed out: each foreign key or generic link to a business record the viewer may not see
is cached as the ``RESTRICTED`` marker and named in ``obj._hidden_links`` (its id stays
on the row, so an edit keeps it), and every related manager of a marked record (many-to-many, reverse keys)
reads through ``visible_to(viewer)``. Pages, exports, the API and templates then show
what the viewer may see without any layer filtering by hand; ``is_hidden_link`` tells a
display helper to show a neutral "restricted record" marker instead.

Writes follow the same rule in ``core.services.check_links``: a link to a record its
writer cannot see is refused exactly like an id that does not exist.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy

from .choices import LEVEL_ORDER
from .scope import in_service


class RestrictedRecord:
    """What a hidden single link reads as: a neutral marker, false in tests, with no id.

    ``{{ obj.legal_basis }}`` prints "restricted record", ``{% if obj.legal_basis %}`` is
    false, and any attribute (``.title``, ``.parent``) is ``None``, so a template or
    ``__str__`` that follows a link shows nothing of the record, and a walk up a chain of
    links (``while node is not None: node = node.parent``) ends.
    """

    pk = None
    id = None

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        from django.utils.translation import gettext

        return gettext("restricted record")

    def __repr__(self) -> str:
        return "<RestrictedRecord>"

    def __call__(self, *args: Any, **kwargs: Any) -> RestrictedRecord:
        return self

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return None

    def get_absolute_url(self) -> str:
        return ""


RESTRICTED = RestrictedRecord()

# The one answer for a link to a record that does not exist or that the writer may not see:
# forms, serializers and services give it alike, so hidden ids cannot be told from missing.
LINK_ERROR = gettext_lazy("The record does not exist or you may not use it.")


def is_business_model(model: type[models.Model] | None) -> bool:
    """Business records: their default queryset is the access rule's ``BusinessQuerySet``."""
    from .querysets import BusinessQuerySet

    if model is None:
        return False
    manager = getattr(model, "_default_manager", None)
    return manager is not None and issubclass(getattr(manager, "_queryset_class", object), BusinessQuerySet)


@functools.cache
def link_fields(model: type[models.Model]) -> tuple[tuple, tuple, tuple]:
    """(foreign keys, many-to-manys, generic keys) of ``model`` that name a business record.

    A child's key to its parent (``access_parent``) is left out: a child is visible exactly
    when its parent is, so that link can never be hidden from a viewer of the child.
    """
    parent = getattr(model, "access_parent", None)
    fks, m2ms, gfks = [], [], []
    for field in model._meta.get_fields():
        if isinstance(field, GenericForeignKey):
            gfks.append(field)
            continue
        if not field.is_relation or field.auto_created or not is_business_model(field.related_model):
            continue
        if field.many_to_many:
            m2ms.append(field)
        elif (field.many_to_one or field.one_to_one) and field.name != parent:
            fks.append(field)
    return tuple(fks), tuple(m2ms), tuple(gfks)


def sees_everything(viewer: Any) -> bool:
    """A ministry-wide viewer of the highest clearance sees every record (and so every link)."""
    return (
        bool(getattr(viewer, "has_ministry_scope", False))
        and getattr(viewer, "clearance", "") == (LEVEL_ORDER[-1])
    )


def visible_ids(model: type[models.Model], viewer: Any, ids: Iterable[Any]) -> set:
    """Which of ``ids`` of ``model`` the viewer sees (one query; none when there are no ids)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return set()
    manager = model._default_manager
    if not hasattr(manager, "visible_to"):
        return ids
    if sees_everything(viewer) and is_business_model(model):
        return ids
    return set(manager.visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))


def _select_tree(select_related: Any, model: type[models.Model], depth: int = 0) -> dict[str, dict]:
    """The ``select_related`` tree of a query as nested dicts (``True``: every non-null key)."""
    if select_related is True:
        if depth > 0:
            return {}
        return {
            f.name: {} for f in model._meta.concrete_fields if f.is_relation and f.many_to_one and not f.null
        }
    return select_related or {}


def _link_paths(model: type[models.Model], tree: dict, prefix: str = "") -> list[tuple[str, Any]]:
    """(path, field) of every foreign key to a business record on ``model`` and on the records
    ``select_related`` brings along (their links reach the page too)."""
    fks, _m2ms, _gfks = link_fields(model)
    out = [(prefix + f.name, f) for f in fks]
    for name, subtree in tree.items():
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if field.is_relation and field.related_model is not None and is_business_model(field.related_model):
            out.extend(_link_paths(field.related_model, subtree, prefix + name + "__"))
    return out


def _follow(obj: Any, path: str) -> tuple[Any, Any] | None:
    """The record holding the last key of ``path`` (through cached links only), and that key."""
    *steps, last = path.split("__")
    for step in steps:
        field = obj._meta.get_field(step)
        if not field.is_cached(obj):
            return None
        obj = field.get_cached_value(obj)
        if not isinstance(obj, models.Model):
            return None
    return obj, obj._meta.get_field(last)


def _along(obj: models.Model, tree: dict) -> list[models.Model]:
    """``obj`` and the records ``select_related`` cached on it, following ``tree``."""
    out = [obj]
    for name, subtree in tree.items():
        try:
            field = obj._meta.get_field(name)
        except Exception:
            continue
        if field.is_relation and field.is_cached(obj):
            linked = field.get_cached_value(obj)
            if isinstance(linked, models.Model):
                out.extend(_along(linked, subtree))
    return out


def generic_targets(model: type[models.Model], gfk: GenericForeignKey) -> list[type[models.Model]]:
    """The business models a generic link may name: the model says (``generic_link_targets``)."""
    targets = getattr(model, "generic_link_targets", None)
    return [m for m in (targets(gfk.name) if targets else ()) if is_business_model(m)]


def link_checks(query: Any, model: type[models.Model], viewer: Any) -> dict[str, Any]:
    """Annotations that tell, in the query that reads the records, which links ``viewer`` sees.

    An ``EXISTS`` per link (and per link of the records ``select_related`` brings along) in
    the same query: no query is added to a page, whatever its rows hold.
    """
    if sees_everything(viewer) or query.combinator:
        return {}
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.functions import Cast

    checks: dict[str, Any] = {}
    for i, (path, field) in enumerate(_link_paths(model, _select_tree(query.select_related, model))):
        visible = field.related_model._default_manager.visible_to(viewer)
        # An empty link is not hidden: false means a record is named and the viewer cannot see it.
        checks[f"_link{i}"] = models.Case(
            models.When(**{f"{path}_id__isnull": True}, then=models.Value(True)),
            default=models.Exists(visible.filter(pk=models.OuterRef(path + "_id"))),
            output_field=models.BooleanField(),
        )
    for gfk in link_fields(model)[2]:
        ct_name = model._meta.get_field(gfk.ct_field).attname
        for target in generic_targets(model, gfk):
            ct = ContentType.objects.get_for_model(target)
            keys = (
                target._default_manager.visible_to(viewer)
                .annotate(_key=Cast("pk", models.CharField(max_length=64)))
                .filter(_key=models.OuterRef(gfk.fk_field))
            )
            checks[f"_gen_{gfk.name}_{ct.pk}"] = models.Case(
                models.When(**{ct_name: ct.pk}, then=models.Exists(keys)),
                default=models.Value(True),
                output_field=models.BooleanField(),
            )
    return checks


def mark_links(rows: list[models.Model], viewer: Any, query: Any, checks: dict[str, Any]) -> None:
    """Mark records read for ``viewer`` from the answers of ``link_checks``: hidden single
    links cached as ``RESTRICTED`` and named in ``_hidden_links``."""
    if not rows:
        return
    model = type(rows[0])
    tree = _select_tree(query.select_related, model)
    paths = _link_paths(model, tree) if checks else []
    gfks = {gfk.name: gfk for gfk in link_fields(model)[2]}
    for row in rows:
        for obj in _along(row, tree):
            obj._viewer = viewer
            obj.__dict__.setdefault("_hidden_links", set())
        answers = {alias: row.__dict__.pop(alias, True) for alias in checks}
        for i, (path, _field) in enumerate(paths):
            if answers[f"_link{i}"]:
                continue
            holder = _follow(row, path)
            if holder is None:
                continue
            obj, field = holder
            field.set_cached_value(obj, RESTRICTED)
            _hide(obj, field.name)
        for alias, answer in answers.items():
            if alias.startswith("_gen_") and not answer:
                gfk = gfks[alias[len("_gen_") :].rsplit("_", 1)[0]]
                # A generic key cannot cache the marker (it checks the cached object's
                # type); None it returns as is, and ``is_hidden_link`` names the link.
                gfk.set_cached_value(row, None)
                _hide(row, gfk.name)


def _hide(obj: models.Model, name: str) -> None:
    """Name a hidden link, and blank the copies of its name the record keeps (``link_labels``)."""
    obj.__dict__.setdefault("_hidden_links", set()).add(name)
    for label in getattr(obj, "link_labels", {}).get(name, ()):
        setattr(obj, label, str(RESTRICTED))


def is_hidden_link(obj: Any, name: str) -> bool:
    """Whether ``obj.<name>`` names a record its viewer may not see (show a marker instead)."""
    return name in getattr(obj, "_hidden_links", ())


def viewer_of(obj: Any) -> Any:
    """The user a record was read for (``None`` for records read by services and jobs)."""
    return getattr(obj, "_viewer", None)


class LinkAwareManager(models.Manager):
    """The manager of business records: a related manager of a record read for a viewer
    (``case.agencies``, ``instrument.cases``, ``obligation.assignments``) reads through
    ``visible_to(viewer)``, so a hidden member of a link is never listed. Services read
    everything (their checks are explicit)."""

    def get_queryset(self) -> models.QuerySet:
        qs = super().get_queryset()
        viewer = viewer_of(getattr(self, "instance", None))
        if viewer is not None:
            if not in_service():
                qs = qs.visible_to(viewer)
        return qs
