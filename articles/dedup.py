"""Recognising the same article taken in twice: exactly (hash) or nearly (shingle fingerprint).

The text is folded (lower case, no tones, đ→d) and cut into words; the fingerprint is the
MinHash signature of its 5-word shingles (``SIGNATURE`` minimums of salted hashes). The share
of equal minimums estimates the Jaccard similarity of the two shingle sets, so two copies of
one article that differ by a byline, a photo credit or the site's menu still match (≥ 0.9)
while two articles on the same subject do not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from core.text import fold

SHINGLE = 5
SIGNATURE = 64
THRESHOLD = 0.9
_WORD = re.compile(r"\w+", re.UNICODE)
_MAX = (1 << 32) - 1


def content_hash(text: str) -> str:
    """SHA-256 of the NFC text with its white space collapsed."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def shingles(text: str) -> set[str]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _hashes(shingle: str) -> list[int]:
    # blake2b gives at most 64 bytes (16 values): keyed rounds give the rest.
    data = shingle.encode("utf-8")
    digest = b"".join(
        hashlib.blake2b(data, digest_size=64, key=bytes([k])).digest() for k in range(SIGNATURE * 4 // 64)
    )
    return [int.from_bytes(digest[i : i + 4], "big") for i in range(0, SIGNATURE * 4, 4)]


def fingerprint(text: str) -> list[int]:
    """The MinHash signature of the text's shingles (empty text: an empty list)."""
    found = shingles(text)
    if not found:
        return []
    signature = [_MAX] * SIGNATURE
    for shingle in found:
        for i, h in enumerate(_hashes(shingle)):
            if h < signature[i]:
                signature[i] = h
    return signature


def similarity(a: Iterable[int], b: Iterable[int]) -> float:
    """Estimated Jaccard similarity of two fingerprints (0 when either is missing)."""
    a, b = list(a or ()), list(b or ())
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
