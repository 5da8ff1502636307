"""Excel imports: one spec per model; upload, preview every row, commit all or nothing.

A module declares an ``ImportSpec`` per model (its columns, the natural key that finds an
existing record, and the model's own services) and registers it with ``register_import``
(usually in its ``AppConfig.ready()``). Then:

1. ``template_workbook(spec, language)`` gives an XLSX template: headers, one example row
   and an instructions sheet.
2. ``import_preview(actor=..., spec=..., upload=...)`` checks the file (size, real XLSX,
   headers), parses and validates every row before anything is written, and stores an
   ``ImportJob`` with the counts and every error.
3. ``import_commit(actor=..., job=...)`` parses the stored file again and writes every
   row in one transaction through the spec's ``create``/``update`` (the model's domain
   services, so history and the access rules apply as for any edit), with one IMPORT
   entry in the audit log. If any row fails, nothing is written.

Rows are matched to existing records by the natural key through ``visible_to``, so
importing the same file twice changes nothing the second time. Reads are batched: the
number of queries does not grow with the rows.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ObjectDoesNotExist
from django.db import IntegrityError, models
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from access.rules import Action, can

from .audit import AuditEvent, audit_record
from .exceptions import PermissionDenied, StaleVersion, ValidationError
from .models import ImportJob, ImportJobStatus
from .services import check_classification, service
from .spreadsheets import append_row
from .text import fold

__all__ = [
    "AMBIGUOUS",
    "CREATE",
    "UNCHANGED",
    "UPDATE",
    "BoolParser",
    "ChoiceParser",
    "Column",
    "DateParser",
    "ImportAlreadyCommitted",
    "ImportRefused",
    "ImportResult",
    "ImportRow",
    "ImportSpec",
    "IntParser",
    "ModelParser",
    "ParseError",
    "Parser",
    "RowError",
    "TextParser",
    "bool_parser",
    "choice_parser",
    "date_parser",
    "fk_parser",
    "get_import",
    "import_commit",
    "import_preview",
    "import_spec_for",
    "import_specs",
    "int_parser",
    "parse_workbook",
    "read_upload",
    "register_import",
    "str_parser",
    "template_workbook",
    "text_parser",
]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000
# An XLSX is a zip of XML; text compresses well, but not a thousandfold (a zip bomb does).
MAX_EXPANSION = 50
LANGUAGES = ("vi", "en")

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


def _max_bytes() -> int:
    return int(getattr(settings, "HOPTAC_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _max_rows() -> int:
    return int(getattr(settings, "HOPTAC_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def action_label(action: str) -> str:
    return {CREATE: _("New record"), UPDATE: _("Update"), UNCHANGED: _("Unchanged")}.get(action, action)


# --- Cell parsers -------------------------------------------------------------------------


class ParseError(ValueError):
    """A cell that cannot be read; the message is shown to the user beside row and column."""


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw: Any) -> str:
    """A cell as text: 12.0 typed in Excel reads "12", not "12.0"."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime | datetime.date):
        return formats.date_format(raw, "d/m/Y")
    return str(raw).strip()


class Parser:
    """Turns one non-empty cell into a Python value or raises ``ParseError``.

    ``prepare`` sees every non-empty cell of the column first, so a parser that reads the
    database does it once for the whole file (see ``ModelParser``).
    """

    # The value of an empty cell in an optional column (unless the column sets a default).
    empty: Any = None

    def prepare(self, raws: list[Any], actor: Any) -> Any:
        return None

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        raise NotImplementedError

    def display(self, value: Any) -> str:
        """The parsed value as the preview shows it."""
        from .display import plain_value

        return plain_value(value)

    def describe(self) -> str:
        """The expected format, for the instructions sheet."""
        return ""

    def allowed(self) -> list[str]:
        """The accepted values, for the instructions sheet (empty: any)."""
        return []

    def example(self) -> Any:
        return ""


class _CallableParser(Parser):
    """A plain function ``raw -> value`` used as a parser (raising ValueError on bad input)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        try:
            return self.func(raw)
        except ParseError:
            raise
        except (ValueError, TypeError) as exc:
            raise ParseError(_("This value is not valid.")) from exc


class TextParser(Parser):
    """Text, trimmed; numbers typed in Excel read as their digits."""

    empty = ""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        return _as_text(raw)

    def describe(self) -> str:
        return _("Any text")


class IntParser(Parser):
    """A whole number, typed as a number or as digits."""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, bool):
            raise ParseError(_("Enter a whole number."))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = str(raw).strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ParseError(_("Enter a whole number."))

    def describe(self) -> str:
        return _("Whole number")

    def example(self) -> Any:
        return 1


_DATE_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")


class DateParser(Parser):
    """A date: an Excel date cell, dd/mm/yyyy (also with - or .) or yyyy-mm-dd."""

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw).strip() if isinstance(raw, str) else ""
        match = _DATE_DMY.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _DATE_ISO.fullmatch(text)
            if not match:
                raise ParseError(_("Enter a date as dd/mm/yyyy."))
            year, month, day = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ParseError(_("This date does not exist.")) from None

    def display(self, value: Any) -> str:
        return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else ""

    def describe(self) -> str:
        return _("Date as dd/mm/yyyy (an Excel date or yyyy-mm-dd is accepted too)")

    def example(self) -> Any:
        return datetime.date(1990, 1, 31)


def _yes_no_words() -> tuple[set[str], set[str]]:
    yes = {"1", "x", "y", "yes", "true", "co", "dung", "v"}
    no = {"0", "n", "no", "false", "khong", "sai"}
    for language in LANGUAGES:
        with translation.override(language):
            yes.add(fold(_("Yes")))
            no.add(fold(_("No")))
    return yes, no


class BoolParser(Parser):
    """Yes or no: Có/Không, Yes/No, x, 1/0, or an Excel TRUE/FALSE."""

    def prepare(self, raws: list[Any], actor: Any) -> tuple[set[str], set[str]]:
        return _yes_no_words()

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        yes, no = state or _yes_no_words()
        word = fold(raw)
        if word in yes:
            return True
        if word in no:
            return False
        raise ParseError(_("Enter {} or {}.").format(_("Yes"), _("No")))

    def describe(self) -> str:
        return _("Yes or no")

    def allowed(self) -> list[str]:
        return [_("Yes"), _("No")]

    def example(self) -> Any:
        return _("Yes")


class ChoiceParser(Parser):
    """One of a list of choices, by its value or its label in Vietnamese or English.

    Matching ignores case and tones ("toi mat" finds Tối mật).
    """

    def __init__(self, choices: Any) -> None:
        self._choices = choices

    def choices(self) -> list[tuple[Any, Any]]:
        choices = self._choices
        if isinstance(choices, type) and hasattr(choices, "choices"):
            choices = choices.choices
        if callable(choices):
            choices = choices()
        return [(value, label) for value, label in choices]

    def _lookup(self) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for value, _label in self.choices():
            table.setdefault(fold(value), value)
        for language in LANGUAGES:
            with translation.override(language):
                for value, label in self.choices():
                    table.setdefault(fold(str(label)), value)
        return table

    def prepare(self, raws: list[Any], actor: Any) -> dict[str, Any]:
        return self._lookup()

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        value = (state or self._lookup()).get(fold(_as_text(raw)))
        if value is None:
            raise ParseError(
                _("“{}” is not one of the allowed values: {}.").format(
                    _as_text(raw), ", ".join(self.allowed())
                )
            )
        return value

    def display(self, value: Any) -> str:
        return str(dict(self.choices()).get(value, value if value is not None else ""))

    def describe(self) -> str:
        return _("One of the listed values (the code or the name)")

    def allowed(self) -> list[str]:
        return [str(label) for _value, label in self.choices()]

    def example(self) -> Any:
        choices = self.choices()
        return str(choices[0][1]) if choices else ""


class ModelParser(Parser):
    """A record found by a natural key (a unit by its code), among those the actor may see.

    The lookup goes through ``Model.objects.visible_to(actor)``, once for the whole file.
    """

    BATCH = 500

    def __init__(self, model: type[models.Model], field: str = "code") -> None:
        self.model = model
        self.field = field

    def queryset(self, actor: Any) -> models.QuerySet:
        return self.model._default_manager.visible_to(actor)

    def prepare(self, raws: list[Any], actor: Any) -> dict[str, models.Model]:
        keys = sorted({_as_text(raw) for raw in raws})
        found: dict[str, models.Model] = {}
        for start in range(0, len(keys), self.BATCH):
            chunk = keys[start : start + self.BATCH]
            for obj in self.queryset(actor).filter(**{f"{self.field}__in": chunk}):
                found[str(getattr(obj, self.field))] = obj
        return found

    def parse(self, raw: Any, *, actor: Any, state: Any) -> Any:
        key = _as_text(raw)
        obj = (state or {}).get(key)
        if obj is None:
            raise ParseError(
                _("No {model} has the {field} “{value}”.").format(
                    model=self.model._meta.verbose_name,
                    field=self.model._meta.get_field(self.field).verbose_name,
                    value=key,
                )
            )
        return obj

    def display(self, value: Any) -> str:
        return str(getattr(value, self.field, "")) if value is not None else ""

    def describe(self) -> str:
        return _("The {field} of a {model}").format(
            field=self.model._meta.get_field(self.field).verbose_name, model=self.model._meta.verbose_name
        )


str_parser = TextParser()
text_parser = str_parser
int_parser = IntParser()
date_parser = DateParser()
bool_parser = BoolParser()


def choice_parser(choices: Any) -> ChoiceParser:
    """Choices: a ``TextChoices`` class, a list of (value, label), or a callable giving one."""
    return ChoiceParser(choices)


def fk_parser(model: type[models.Model], field: str = "code") -> ModelParser:
    """A foreign key by natural key, e.g. ``fk_parser(Unit, "code")``."""
    return ModelParser(model, field)


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


# --- Parsing a workbook -------------------------------------------------------------------


class RowError(NamedTuple):
    """One problem: the row as Excel numbers it (None for the file), a column label, a message."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportRow:
    number: int
    raw: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    action: str = ""
    obj: models.Model | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportResult:
    spec: ImportSpec
    file_name: str = ""
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def file_errors(self) -> list[RowError]:
        """Errors of the file itself (size, format, headers): nothing could be read."""
        return [e for e in self.errors if e.row is None]

    @property
    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for row in self.rows:
            if row.action in counts:
                counts[row.action] += 1
        return counts

    def display_rows(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Rows for the preview: number, action, the cells as text and the changed columns."""
        out = []
        for row in self.rows[:limit]:
            out.append(
                {
                    "number": row.number,
                    "action": row.action,
                    "action_label": action_label(row.action),
                    "cells": [
                        c.parser.display(row.values[c.name])
                        if c.name in row.values
                        else _as_text(row.raw[c.name])
                        for c in self.spec.columns
                    ],
                    "changed": [self.spec.label(name) for name in row.changes]
                    if row.action == UPDATE
                    else [],
                }
            )
        return out


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_upload(file: Any) -> bytes:
    """The uploaded bytes, refused (ValidationError) when too large or not an XLSX workbook."""
    try:
        return _read_checked(file)
    except _Refused as exc:
        raise ValidationError(exc.message, code="invalid_file") from None


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"


def _read_checked(file: Any) -> bytes:
    limit = _max_bytes()
    too_big = _("The file is larger than {}.").format(_size_text(limit))
    if isinstance(file, bytes | bytearray | memoryview):
        content = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > limit:
            raise _Refused(too_big)
        if hasattr(file, "seek"):
            file.seek(0)
        content = file.read(limit + 1)
    if len(content) > limit:
        raise _Refused(too_big)
    not_xlsx = _("The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
    if not content.startswith(ZIP_MAGIC):
        raise _Refused(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _Refused(not_xlsx) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _Refused(not_xlsx)
    if expanded > limit * MAX_EXPANSION:
        raise _Refused(too_big)
    return content


def _load_rows(content: bytes) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    not_xlsx = _("The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise _Refused(not_xlsx) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise _Refused(_("The workbook has no sheet."))
        limit = _max_rows() + 1
        rows: list[tuple[Any, ...]] = []
        try:
            for cells in sheet.iter_rows(values_only=True):
                if len(rows) < limit:
                    rows.append(tuple(cells))
                elif any(not _is_empty(c) for c in cells):
                    raise _Refused(
                        _("The file has more than {} rows; split it into smaller files.").format(limit - 1)
                    )
        except _Refused:
            raise
        except Exception:
            raise _Refused(not_xlsx) from None
    finally:
        workbook.close()
    return rows


def _match_headers(spec: ImportSpec, header: tuple[Any, ...]) -> tuple[dict[str, int], list[str]]:
    """Column name -> index in the sheet, and the header problems."""
    by_header: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.header_names():
            by_header.setdefault(name, column)
    positions: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        if _is_empty(cell):
            continue
        text = _as_text(cell)
        column = by_header.get(fold(text.rstrip("*").strip()))
        if column is None:
            problems.append(_("Unknown column “{}”.").format(text))
        elif column.name in positions:
            problems.append(_("The column “{}” appears twice.").format(text))
        else:
            positions[column.name] = index
    for column in spec.columns:
        if column.name not in positions:
            problems.append(_("The column “{}” is missing.").format(column.label))
    if problems:
        problems.append(_("Use the headers of the template."))
    return positions, problems


def _messages(exc: Exception) -> list[tuple[str, str]]:
    """(field, message) pairs of a ValidationError or PermissionDenied."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [(name, str(m)) for name, errors in exc.message_dict.items() for m in errors]
        return [("", str(m)) for m in exc.messages]
    if isinstance(exc, StaleVersion):
        return [("", _("The record was changed by someone else meanwhile; preview the file again."))]
    if isinstance(exc, ObjectDoesNotExist):
        return [("", _("The record no longer exists or you may no longer see it."))]
    if isinstance(exc, IntegrityError):
        return [("", _("This row conflicts with a record saved meanwhile; preview the file again."))]
    return [("", str(exc) or _("You do not have permission to do this."))]


def parse_workbook(
    spec: ImportSpec | type[ImportSpec] | str, file: Any, actor: Any, *, file_name: str = ""
) -> ImportResult:
    """Read and check every row of an upload, writing nothing.

    The result lists each row with its action (create, update, unchanged), its parsed
    values, and every error as (row, column label, message): file problems first (row
    None), then each row's, in order. A row is validated only as far as it can be: a cell
    that cannot be read hides the checks that need it.
    """
    spec = _as_spec(spec)
    result = ImportResult(spec=spec, file_name=file_name or str(getattr(file, "name", "") or ""))
    try:
        content = _read_checked(file)
        sheet_rows = _load_rows(content)
    except _Refused as exc:
        result.errors.append(RowError(None, "", exc.message))
        return result
    if not sheet_rows or all(_is_empty(c) for c in sheet_rows[0]):
        result.errors.append(
            RowError(None, "", _("The first row must hold the column headers of the template."))
        )
        return result
    positions, problems = _match_headers(spec, sheet_rows[0])
    if problems:
        result.errors.extend(RowError(None, "", p) for p in problems)
        return result

    for number, cells in enumerate(sheet_rows[1:], start=2):
        raw = {name: (cells[i] if i < len(cells) else None) for name, i in positions.items()}
        if all(_is_empty(v) for v in raw.values()):
            continue
        result.rows.append(
            ImportRow(number=number, raw={k: (None if _is_empty(v) else v) for k, v in raw.items()})
        )
    if not result.rows:
        result.errors.append(RowError(None, "", _("The file has no data rows.")))
        return result

    _parse_cells(spec, result.rows, actor)
    _check_duplicates(spec, result.rows)
    for row in result.rows:
        if row.ok:
            for name, message in spec.validate_row(actor, row.values):
                row.errors.append(RowError(row.number, spec.label(name), str(message)))
    _match_existing(spec, [r for r in result.rows if r.ok], actor)
    order = {str(c.label): i for i, c in enumerate(spec.columns)}
    for row in result.rows:
        if not row.ok:
            _check_cells(spec, row, actor)
        elif row.action in (CREATE, UPDATE):
            _dry_run(spec, row, actor)
        row.errors.sort(key=lambda e: order.get(e.column, len(order)))
        result.errors.extend(row.errors)
    return result


def _parse_cells(spec: ImportSpec, rows: list[ImportRow], actor: Any) -> None:
    for column in spec.columns:
        raws = [row.raw[column.name] for row in rows if row.raw[column.name] is not None]
        state = column.parser.prepare(raws, actor) if raws else None
        for row in rows:
            raw = row.raw[column.name]
            if raw is None:
                if column.required:
                    row.errors.append(RowError(row.number, str(column.label), _("A value is required.")))
                else:
                    row.values[column.name] = column.empty_value()
                continue
            try:
                row.values[column.name] = column.parser.parse(raw, actor=actor, state=state)
            except ParseError as exc:
                row.errors.append(RowError(row.number, str(column.label), str(exc)))
            except ValidationError as exc:
                for message in exc.messages:
                    row.errors.append(RowError(row.number, str(column.label), message))


def _check_duplicates(spec: ImportSpec, rows: list[ImportRow]) -> None:
    """Two rows with the same natural key: the later one is an error (which would win?)."""
    seen: dict[tuple, int] = {}
    labels = ", ".join(spec.label(n) for n in spec.natural_key)
    for row in rows:
        if not all(n in row.values for n in spec.natural_key):
            continue
        key = tuple(_norm(row.values[n]) for n in spec.natural_key)
        if key in seen:
            row.errors.append(
                RowError(
                    row.number,
                    spec.label(spec.natural_key[0]),
                    _("Same {} as row {}: each record may appear only once in the file.").format(
                        labels, seen[key]
                    ),
                )
            )
        else:
            seen[key] = row.number


def _match_existing(spec: ImportSpec, rows: list[ImportRow], actor: Any) -> None:
    if not rows:
        return
    found = spec.find_many(actor, [row.values for row in rows])
    for row, obj in zip(rows, found, strict=True):
        row.data = spec.to_data(row.values)
        if obj is AMBIGUOUS:
            row.errors.append(
                RowError(
                    row.number,
                    spec.label(spec.natural_key[0]),
                    _("Several existing records match this row; it cannot tell which one to update."),
                )
            )
        elif obj is None:
            row.action = CREATE
        else:
            row.obj = obj
            row.changes = spec.changes(obj, row.data)
            row.action = UPDATE if row.changes else UNCHANGED


def _check_cells(spec: ImportSpec, row: ImportRow, actor: Any) -> None:
    """A row that cannot be checked whole still has its readable cells checked one by one
    (length, choices, a level above the actor's clearance), so the file is fixed in one go.
    """
    reported = {e.column for e in row.errors}
    values: dict[str, Any] = {}
    for column in spec.columns:
        if column.name not in row.values or str(column.label) in reported:
            continue
        try:
            model_field = spec.model._meta.get_field(column.name)
        except FieldDoesNotExist:
            continue
        if not model_field.is_relation:
            values[column.name] = row.values[column.name]
    if not values:
        return
    candidate = spec.model(**values)
    problems: list[tuple[str, str]] = []
    try:
        check_classification(actor, candidate)
    except ValidationError as exc:
        problems.extend(_messages(exc))
    try:
        candidate.clean_fields(exclude=[f.name for f in spec.model._meta.fields if f.name not in values])
    except ValidationError as exc:
        problems.extend(_messages(exc))
    for name, message in problems:
        label = spec.label(name)
        if label not in reported:
            row.errors.append(RowError(row.number, label, message))


def _dry_run(spec: ImportSpec, row: ImportRow, actor: Any) -> None:
    data = row.data if row.action == CREATE else row.changes
    candidate = spec.build(data, row.obj)
    try:
        spec.check(actor, candidate, row.obj, data)
    except PermissionDenied as exc:
        column = spec.scope_column if spec.column(spec.scope_column) else ""
        for _name, message in _messages(exc):
            row.errors.append(RowError(row.number, spec.label(column), message))
    except ValidationError as exc:
        for name, message in _messages(exc):
            row.errors.append(RowError(row.number, spec.label(name), message))


# --- Services -----------------------------------------------------------------------------


class ImportRefused(ValidationError):
    """The file cannot be imported; ``errors`` holds every (row, column, message)."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = list(errors)
        super().__init__([_format_error(e) for e in self.errors] or [_("The file cannot be imported.")])


class ImportAlreadyCommitted(ImportRefused):
    """The job was committed already; a second commit would do nothing useful."""

    def __init__(self) -> None:
        super().__init__([RowError(None, "", _("This import has already been committed."))])


def _format_error(error: RowError) -> str:
    if error.row is None:
        return error.message
    if error.column:
        return _("Row {}, {}: {}").format(error.row, error.column, error.message)
    return _("Row {}: {}").format(error.row, error.message)


def _file_name(upload: Any) -> str:
    name = str(getattr(upload, "name", "") or "")
    return name.replace("\\", "/").rsplit("/", 1)[-1][:255]


@service
def import_preview(*, actor: Any, spec: ImportSpec | type[ImportSpec] | str, upload: Any) -> ImportJob:
    """Check an upload and keep it as a job to preview; nothing else is written.

    A file that is too large, not an XLSX workbook or without the template's headers is
    refused (ValidationError) and not kept. Rows with errors are kept, with the errors,
    for the preview.
    """
    spec = _as_spec(spec)
    if not can(actor, Action.ADD, spec.model):
        raise PermissionDenied(_("You do not have permission to import these records."))
    content = read_upload(upload)
    result = parse_workbook(spec, content, actor, file_name=_file_name(upload))
    if result.file_errors:
        raise ValidationError([e.message for e in result.file_errors], code="invalid_file")
    job = ImportJob(
        user=actor,
        spec_key=spec.key,
        file_name=result.file_name,
        content=content,
        status=ImportJobStatus.PREVIEWED,
        summary=result.counts,
        errors=[e.as_dict() for e in result.errors],
    )
    job.save()
    return job


def import_commit(*, actor: Any, job: ImportJob) -> dict[str, int]:
    """Write every row of a previewed job in one transaction; all or nothing.

    Parses the stored file again (the data may have changed since the preview), refuses
    with ``ImportRefused`` when any row has an error, then creates and updates through the
    spec (the model's services: permissions, validation, history), writes one IMPORT
    audit entry and marks the job committed. Returns the counts by action. A refused
    commit writes nothing but the errors on the job (status failed); a job committed
    already is refused with ``ImportAlreadyCommitted``; another user's job is
    ``ImportJob.DoesNotExist``.
    """
    try:
        return _import_write(actor=actor, job=job)
    except ImportAlreadyCommitted:
        raise
    except ImportRefused as exc:
        _import_failed(actor=actor, job=job, errors=exc.errors)
        raise


@service
def _import_write(*, actor: Any, job: ImportJob) -> dict[str, int]:
    job = ImportJob.objects.visible_to(actor).select_for_update().get(pk=job.pk)
    if job.status == ImportJobStatus.COMMITTED:
        raise ImportAlreadyCommitted()
    spec = get_import(job.spec_key)
    if not can(actor, Action.ADD, spec.model):
        raise PermissionDenied(_("You do not have permission to import these records."))
    result = parse_workbook(spec, bytes(job.content), actor, file_name=job.file_name)
    if not result.ok:
        raise ImportRefused(result.errors)
    for row in result.rows:
        try:
            if row.action == CREATE:
                spec.create(actor, row.data)
            elif row.action == UPDATE:
                spec.update(actor, row.obj, row.changes)
        except (ValidationError, PermissionDenied, StaleVersion, ObjectDoesNotExist, IntegrityError) as exc:
            scoped = isinstance(exc, PermissionDenied) and spec.column(spec.scope_column) is not None
            column_of = spec.scope_column if scoped else None
            raise ImportRefused(
                RowError(row.number, spec.label(column_of or name), message)
                for name, message in _messages(exc)
            ) from exc
    counts = result.counts
    job.status = ImportJobStatus.COMMITTED
    job.committed_at = timezone.now()
    job.summary = counts
    job.errors = []
    job.save(update_fields=["status", "committed_at", "summary", "errors"])
    audit_record(
        AuditEvent.IMPORT,
        actor=actor,
        target=job,
        extra={
            "model": spec.model._meta.label,
            "import": spec.key,
            "file_name": job.file_name,
            "rows": len(result.rows),
            **counts,
        },
    )
    return counts


@service
def _import_failed(*, actor: Any, job: ImportJob, errors: list[RowError]) -> None:
    job = ImportJob.objects.visible_to(actor).get(pk=job.pk)
    job.status = ImportJobStatus.FAILED
    job.errors = [e.as_dict() for e in errors]
    job.save(update_fields=["status", "errors"])


# --- Template -----------------------------------------------------------------------------


def template_workbook(spec: ImportSpec | type[ImportSpec] | str, language: str | None = None) -> bytes:
    """The XLSX template of an import: headers and one example row, and the instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = _as_spec(spec)
    with translation.override(language or translation.get_language()):
        workbook = Workbook()
        data = workbook.active
        data.title = _("Data")[:31]
        append_row(data, [str(c.label) for c in spec.columns])
        append_row(data, [str(v) if isinstance(v, Promise) else v for v in spec.example_row()])
        data.freeze_panes = "A2"
        required_fill = PatternFill("solid", fgColor="DDE7F3")
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            cell = data.cell(row=1, column=index)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = required_fill
            data.column_dimensions[letter].width = max(14, min(40, len(str(column.label)) + 4))
            if isinstance(column.parser, DateParser):
                for row in range(2, 1001):
                    data.cell(row=row, column=index).number_format = "DD/MM/YYYY"
            allowed = column.parser.allowed()
            formula = '"{}"'.format(",".join(allowed))
            if allowed and len(formula) <= 255 and not any("," in a or '"' in a for a in allowed):
                validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
                validation.add(f"{letter}2:{letter}1000")
                data.add_data_validation(validation)

        notes = workbook.create_sheet(_("Instructions")[:31])
        append_row(notes, [str(spec.title)])
        notes["A1"].font = Font(bold=True, size=13)
        append_row(
            notes,
            [
                _(
                    "Fill in one record per row on the first sheet, under the headers, and replace "
                    "the example row. Rows are matched to existing records by: {}. A matching row "
                    "updates the record, another row creates one; importing the same file again "
                    "changes nothing."
                ).format(", ".join(spec.label(n) for n in spec.natural_key))
            ],
        )
        append_row(notes, [])
        append_row(notes, [_("Column"), _("Required"), _("Format"), _("Allowed values"), _("Notes")])
        for cell in notes[4]:
            cell.font = Font(bold=True)
        for column in spec.columns:
            append_row(
                notes,
                [
                    str(column.label),
                    _("Yes") if column.required else _("No"),
                    column.parser.describe(),
                    "\n".join(column.parser.allowed()),
                    str(column.help),
                ],
            )
        for letter, width in zip("ABCDE", (28, 12, 48, 28, 48), strict=True):
            notes.column_dimensions[letter].width = width
        for row in notes.iter_rows(min_row=5):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        out = io.BytesIO()
        workbook.save(out)
    return out.getvalue()
