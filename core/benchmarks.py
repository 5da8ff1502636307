"""Benchmarks that an app offers to ``make bench``.

The benchmark (``scale``) may not import every app it measures: reports, at the top of the
dependency table, is imported by nothing (STYLE.md). An app registers its benchmark here in
its ``AppConfig.ready()``; ``scale.bench`` runs what is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {}


def register_benchmark(name: str, func: Callable[..., dict[str, Any]]) -> None:
    BENCHMARKS[name] = func


def run_benchmark(name: str, **kwargs: Any) -> dict[str, Any]:
    """The named benchmark's figures, or an error when its app is not installed."""
    func = BENCHMARKS.get(name)
    if func is None:
        return {"error": f"no benchmark {name!r} is registered (is its app installed?)"}
    return func(**kwargs)
