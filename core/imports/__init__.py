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

from .base import CREATE, UNCHANGED, UPDATE, XLSX_CONTENT_TYPE
from .parsers import (
    BoolParser,
    ChoiceParser,
    DateParser,
    IntParser,
    ModelParser,
    ParseError,
    Parser,
    TextParser,
    bool_parser,
    choice_parser,
    date_parser,
    fk_parser,
    int_parser,
    str_parser,
    text_parser,
)
from .services import ImportAlreadyCommitted, ImportRefused, import_commit, import_preview
from .specs import AMBIGUOUS, Column, ImportSpec, get_import, import_spec_for, import_specs, register_import
from .template import template_workbook
from .workbook import ImportResult, ImportRow, RowError, parse_workbook, read_upload

__all__ = [
    "AMBIGUOUS",
    "CREATE",
    "UNCHANGED",
    "UPDATE",
    "XLSX_CONTENT_TYPE",
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
