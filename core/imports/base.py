"""Constants shared by the import modules: limits, actions, content type."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

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
