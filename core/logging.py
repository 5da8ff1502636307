"""Log records that carry the request id of the history (core.context), as text or JSON."""

from __future__ import annotations

import datetime
import json
import logging

from .context import request_id_or_none


class RequestIdFilter(logging.Filter):
    """Adds ``request_id``: the id of the request (or job) being served, "-" outside one."""

    def filter(self, record: logging.LogRecord) -> bool:
        rid = request_id_or_none()
        record.request_id = str(rid) if rid is not None else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for a log collector: time, level, logger, message, request id,
    and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
