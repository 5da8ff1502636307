"""Reading an uploaded workbook: checks, headers, cells, duplicates, matches and dry runs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import IntegrityError, models
from django.utils.translation import gettext as _

from ..exceptions import PermissionDenied, StaleVersion, ValidationError
from ..services import check_classification
from ..text import fold
from .base import (
    CREATE,
    MAX_EXPANSION,
    UNCHANGED,
    UPDATE,
    ZIP_MAGIC,
    _max_bytes,
    _max_rows,
    action_label,
)
from .parsers import (
    ParseError,
    _as_text,
    _is_empty,
)
from .specs import (
    AMBIGUOUS,
    Column,
    ImportSpec,
    _as_spec,
    _norm,
)

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
