"""The article's text as HTML with every proposed fact marked at its evidence offsets.

Facts may overlap (a quantity inside an event's sentence): the text is cut at every start
and end, and each piece is wrapped once with the facts that cover it, so no mark is nested
in another and every fact's words are marked exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def highlighted(text: str, proposals: Iterable[Any]) -> SafeString:
    facts = [p for p in proposals if 0 <= p.start < p.end <= len(text)]
    cuts = sorted({0, len(text), *(p.start for p in facts), *(p.end for p in facts)})
    starts: dict[int, list[Any]] = {}
    for p in facts:
        starts.setdefault(p.start, []).append(p)
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        covering = [p for p in facts if p.start <= a and b <= p.end]
        if not covering:
            out.append(conditional_escape(piece))
            continue
        anchors = "".join(format_html('<span id="fact-{}"></span>', p.pk) for p in starts.get(a, ()))
        out.append(
            format_html(
                '{}<mark class="fact fact-{} fact-{}" data-facts="{}" title="{}">{}</mark>',
                mark_safe(anchors),
                covering[0].field,
                covering[0].status,
                " ".join(str(p.pk) for p in covering),
                "; ".join(f"{p.get_field_display()}: {p.label}" for p in covering),
                piece,
            )
        )
    return mark_safe("".join(str(s) for s in out))
