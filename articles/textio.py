"""STAND-IN until the merge: the real reader (txt, html, docx, pdf) replaces this file."""

from __future__ import annotations

import unicodedata

from django.conf import settings

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class ArticleTextError(ValueError):
    """The file or text cannot be read as an article (the message says why)."""


def read_text(data: bytes, filename: str, max_bytes: int | None = None) -> str:
    limit = (
        max_bytes
        if max_bytes is not None
        else int(getattr(settings, "HOPTAC_ARTICLE_MAX_BYTES", DEFAULT_MAX_BYTES))
    )
    if len(data) > limit:
        raise ArticleTextError(f"The file is larger than the limit ({limit} bytes).")
    if not filename.lower().endswith(".txt"):
        raise ArticleTextError("Unsupported file type.")
    if b"\x00" in data:
        raise ArticleTextError("The file is binary, not text.")
    try:
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ArticleTextError("The file is binary, not text.") from None
    if not text.strip():
        raise ArticleTextError("The file is empty.")
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if "LATIN" in unicodedata.name(c, "")) < 0.8 * len(letters):
        raise ArticleTextError("The text is not in Latin script.")
    return text
