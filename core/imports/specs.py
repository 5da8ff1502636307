"""Columns, the import spec of a model, and the registry of specs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from access.rules import Action, can

from ..exceptions import PermissionDenied
from ..services import check_classification
from ..text import fold
from .base import (
    LANGUAGES,
)
from .parsers import (
    Parser,
    _CallableParser,
    str_parser,
)

# --- Columns and specs --------------------------------------------------------------------


class Column:
    """One column of the sheet: ``name`` is the field the value goes to, ``label`` its header.

    ``label`` is a ``gettext_lazy`` string; the header may be the label in Vietnamese or in
    English, or the name. An empty cell is an error in a required column, else it gives
    ``default`` (or the parser's empty value: "" for text, None otherwise).
    """

    def __init__(
        self,
        name: str,
        label: Any,
        required: bool = True,
        parse: Parser | Callable[[Any], Any] = str_parser,
        help: Any = "",
        *,
        example: Any = None,
        default: Any = None,
    ) -> None:
        self.name = name
        self.label = label
        self.required = required
        self.parser = parse if isinstance(parse, Parser) else _CallableParser(parse)
        self.help = help
        self.example = example
        self.default = default

    def __repr__(self) -> str:
        return f"Column({self.name!r})"

    def header_names(self) -> set[str]:
        """Folded headers that name this column: the label in each language, and the name."""
        names = {fold(self.name)}
        for language in LANGUAGES:
            with translation.override(language):
                names.add(fold(str(self.label)))
        return names

    def empty_value(self) -> Any:
        return self.default if self.default is not None else self.parser.empty


# A row whose natural key matches more than one existing record.
AMBIGUOUS = object()


class ImportSpec:
    """How one model is imported. Subclass, fill in the class attributes, register it.

    Column names are the model's field names (the default ``find``, ``changes`` and
    validation rely on it; override ``to_data`` to map them otherwise). ``create_service``
    and ``update_service`` are the model's domain services with the signatures of the
    generic views: ``(*, actor, data)`` and ``(*, actor, obj, data, version)``.
    """

    key: ClassVar[str]
    model: ClassVar[type[models.Model]]
    columns: ClassVar[tuple[Column, ...]]
    natural_key: ClassVar[tuple[str, ...]]
    title: ClassVar[Any]
    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[Callable[..., Any] | None] = None
    # Permission errors (the record's unit is outside the actor's reach) point at this column.
    scope_column: ClassVar[str] = "owner_unit"

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.name == name:
                return column
        return None

    def label(self, name: str) -> str:
        """The header of a column, or the verbose name of a field that is no column."""
        if not name or name == NON_FIELD_ERRORS:
            return ""
        column = self.column(name)
        if column is not None:
            return str(column.label)
        try:
            return capfirst(str(self.model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            return name

    # Reads

    def queryset(self, actor: Any) -> models.QuerySet:
        """Existing records the actor may see, with the relations the checks need.

        A child model (``access_parent``) adds its parent here, or each row's permission
        check reads it.
        """
        qs = self.model._default_manager.visible_to(actor)
        related = [
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and (f.name == "owner_unit" or self.column(f.name) is not None)
        ]
        return qs.select_related(*related) if related else qs

    def key_lookup(self, values: dict[str, Any]) -> dict[str, Any]:
        return {name: values[name] for name in self.natural_key}

    def find(self, actor: Any, values: dict[str, Any]) -> models.Model | None:
        """The existing record of a row, by natural key through ``visible_to`` (None: new).

        A spec that overrides this is asked row by row; the default is batched by
        ``find_many``. More than one match raises ``MultipleObjectsReturned``.
        """
        try:
            return self.queryset(actor).get(**self.key_lookup(values))
        except self.model.DoesNotExist:
            return None

    def find_many(self, actor: Any, rows: list[dict[str, Any]]) -> list[Any]:
        """``find`` for each row: the record, None, or ``AMBIGUOUS``; a few queries in all."""
        if type(self).find is not ImportSpec.find:
            found: list[Any] = []
            for values in rows:
                try:
                    found.append(self.find(actor, values))
                except self.model.MultipleObjectsReturned:
                    found.append(AMBIGUOUS)
            return found
        fields = [self.model._meta.get_field(name) for name in self.natural_key]
        index: dict[tuple, list[models.Model]] = {}
        batch = 500
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            lookup = {f"{f.name}__in": list({_norm(v[f.name]) for v in chunk}) for f in fields}
            for obj in self.queryset(actor).filter(**lookup):
                key = tuple(f.value_from_object(obj) for f in fields)
                bucket = index.setdefault(key, [])
                if all(o.pk != obj.pk for o in bucket):
                    bucket.append(obj)
        out: list[Any] = []
        for values in rows:
            matches = index.get(tuple(_norm(values[f.name]) for f in fields), [])
            out.append(matches[0] if len(matches) == 1 else (AMBIGUOUS if matches else None))
        return out

    # Comparison and writes

    def to_data(self, values: dict[str, Any]) -> dict[str, Any]:
        """Service data from the parsed values of a row (by default, the same)."""
        return dict(values)

    def changes(self, obj: models.Model, data: dict[str, Any]) -> dict[str, Any]:
        """The fields of ``data`` whose value differs from the record's."""
        diff: dict[str, Any] = {}
        for name, value in data.items():
            f = obj._meta.get_field(name)
            if f.many_to_many:
                current: Any = {o.pk for o in getattr(obj, name).all()}
                new: Any = {_norm(v) for v in value or ()}
            elif f.is_relation:
                current, new = getattr(obj, f.attname), _norm(value)
            else:
                current, new = f.value_from_object(obj), value
                if f.null is False and new is None and current == "":
                    new = ""
            if current != new:
                diff[name] = value
        return diff

    def create(self, actor: Any, data: dict[str, Any]) -> models.Model:
        if self.create_service is None:
            raise NotImplementedError(f"{type(self).__name__} declares no create_service")
        return self.create_service(actor=actor, data=data)

    def update(self, actor: Any, obj: models.Model, data: dict[str, Any]) -> models.Model:
        """Change the fields in ``data`` (only those that differ) at the version just read."""
        if self.update_service is None:
            raise NotImplementedError(f"{type(self).__name__} declares no update_service")
        return self.update_service(actor=actor, obj=obj, data=data, version=getattr(obj, "version", None))

    # Validation

    def validate_row(self, actor: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Rules across columns: (column name, message) for each problem. None by default."""
        return []

    def build(self, data: dict[str, Any], obj: models.Model | None) -> models.Model:
        """The unsaved record a row would give: a new one, or a copy of ``obj`` changed."""
        plain = {k: v for k, v in data.items() if not self.model._meta.get_field(k).many_to_many}
        if obj is None:
            return self.model(**plain)
        candidate = copy.copy(obj)
        for name, value in plain.items():
            setattr(candidate, name, value)
        return candidate

    def check(
        self, actor: Any, candidate: models.Model, obj: models.Model | None, data: dict[str, Any]
    ) -> None:
        """The checks of the write services, without writing (raises ValidationError or
        PermissionDenied).

        Relations are not checked again (a query per row): a parser found the new ones
        through ``visible_to``, the others are the record's own. Unique checks skip the
        record being updated (the candidate keeps its primary key).
        """
        if obj is None:
            if not can(actor, Action.ADD, candidate):
                raise PermissionDenied(_("You do not have permission to create this record."))
        else:
            if not can(actor, Action.CHANGE, obj):
                raise PermissionDenied(_("You do not have permission to change this record."))
            if not can(actor, Action.CHANGE, candidate):
                raise PermissionDenied(_("You do not have permission to move the record to this unit."))
        check_classification(actor, candidate)
        relations = [f.name for f in self.model._meta.get_fields() if f.is_relation and f.concrete]
        candidate.full_clean(exclude=relations)

    def example_row(self) -> list[Any]:
        return [c.example if c.example is not None else c.parser.example() for c in self.columns]


# --- Registry -----------------------------------------------------------------------------

_specs: dict[str, type[ImportSpec]] = {}


def register_import(spec_class: type[ImportSpec]) -> type[ImportSpec]:
    """Declare an import (usable as a class decorator); its key must be unique."""
    key = spec_class.key
    existing = _specs.get(key)
    if existing is not None and existing.__qualname__ != spec_class.__qualname__:
        raise ValueError(f"import key {key!r} is already registered by {existing.__qualname__}")
    names = [c.name for c in spec_class.columns]
    unknown = [n for n in spec_class.natural_key if n not in names]
    if unknown or len(set(names)) != len(names):
        raise ValueError(f"import {key!r}: natural key {unknown} not among the columns, or a column twice")
    _specs[key] = spec_class
    return spec_class


def get_import(key: str) -> ImportSpec:
    """The registered spec of ``key``; KeyError when there is none."""
    return _specs[key]()


def import_specs() -> list[ImportSpec]:
    return [cls() for cls in _specs.values()]


def import_spec_for(model: type[models.Model]) -> ImportSpec | None:
    """The import of a model, if one is registered (for an "Import from Excel" button)."""
    for cls in _specs.values():
        if cls.model is model:
            return cls()
    return None


def _as_spec(spec: ImportSpec | type[ImportSpec] | str) -> ImportSpec:
    if isinstance(spec, str):
        return get_import(spec)
    if isinstance(spec, type):
        return spec()
    return spec


def _norm(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
