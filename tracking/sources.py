"""Where obligations come from: each source model registers how it becomes an obligation.

Tracking depends only on core, access and org; the modules that own sources (directive
items, clauses, events' pledges, cases) register them here, and their pages offer the
"track as an obligation" action that calls ``services.obligation_from_source``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceSpec:
    model: type
    # a SourceKind, or obj -> SourceKind when one model yields duties of several kinds
    kind: str | Callable[[Any], str]
    # obj -> initial obligation fields (title, description, ...)
    defaults: Callable[[Any], dict[str, Any]]
    # obj -> short label shown beside the obligation ("50-CTr/ĐUCA · 2.1")
    label: Callable[[Any], str]
    # obj -> the document the source belongs to (a directive, an instrument), or None
    group: Callable[[Any], Any] = field(default=lambda obj: None)
    group_model: type | None = None
    # (user, group) -> ordered (node, depth) of the group's tree, for the obligation tree view
    tree: Callable[[Any, Any], list[tuple[Any, int]]] | None = None


_sources: dict[type, SourceSpec] = {}


def register_source(spec: SourceSpec) -> SourceSpec:
    _sources[spec.model] = spec
    return spec


def kind_of(spec: SourceSpec, obj: Any) -> str:
    """The source kind of one record (a spec's kind may depend on the record)."""
    return spec.kind(obj) if callable(spec.kind) else spec.kind


def source_spec(model: type) -> SourceSpec | None:
    return _sources.get(model)


def group_spec(model: type) -> SourceSpec | None:
    """The source whose group is of ``model`` and that can draw its tree."""
    for spec in _sources.values():
        if spec.tree is not None and spec.group_model is model:
            return spec
    return None


def all_sources() -> list[SourceSpec]:
    return list(_sources.values())
