"""The app dependency rule of STYLE.md, enforced: every import of every app, imports inside
functions included, follows the table below (kept also in docs/architecture.md).

When the domain needs a new edge, add it to ALLOWED with the reason, and to the docs.
Tests (``*/tests/*``) and test support (``core/testing.py``) may import any app.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LOW = {"core", "access", "org"}
DOMAIN = {"partners", "tracking", "instruments", "cases", "events", "capacity"}

ALLOWED: dict[str, set[str]] = {
    # The visibility rule and the write guards: below everything.
    "access": set(),
    "core": {"access"},
    "org": {"core", "access"},
    "partners": {"core", "access", "org"},
    # An obligation's source is a generic link: tracking never imports the apps feeding it.
    "tracking": {"core", "access", "org"},
    # Post-signing duties and directive items become obligations through tracking's services.
    "instruments": {"core", "access", "org", "partners", "tracking"},
    "cases": {"core", "access", "org", "partners", "instruments", "tracking"},
    # events -> capacity, one direction: trainings and events attended count toward the
    # capacity criterion (events registers them into capacity.attendance).
    "events": {"core", "access", "org", "partners", "instruments", "tracking", "capacity"},
    # Staff postings and language skills name partner countries.
    "capacity": {"core", "access", "org", "partners"},
    # Articles read the registry as gazetteers and, on review, create or link records
    # through the domain apps' services; nothing imports articles.
    "articles": LOW | DOMAIN,
    "search": LOW | DOMAIN,
    "dashboard": LOW | DOMAIN,
    # Reports read every app's selectors; nothing imports reports.
    "reports": LOW | DOMAIN | {"search", "dashboard"},
    # The national-scale generator and the benchmark read every module except reports,
    # which they reach through core.benchmarks (a registry reports fills at start-up).
    "scale": LOW | DOMAIN | {"search", "dashboard"},
}

# Breaches still open, each with the reason and the work that removes it (issue
# "One declaration per model", item 3). The test fails when one is fixed and left listed.
KNOWN_BREACHES: dict[tuple[str, str], str] = {}

TEST_SUPPORT = {"core/testing.py"}


def app_imports() -> dict[tuple[str, str], list[str]]:
    """Every (importing app, imported app) edge with where it happens."""
    apps = set(ALLOWED)
    edges: dict[tuple[str, str], list[str]] = {}
    for app in sorted(apps):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or relative in TEST_SUPPORT:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in apps and top != app:
                        edges.setdefault((app, top), []).append(f"{relative}:{node.lineno}")
    return edges


def test_every_app_is_in_the_table():
    project_apps = {a for a in settings.INSTALLED_APPS if (ROOT / a / "apps.py").exists()}
    assert project_apps == set(ALLOWED)


def test_imports_between_apps_follow_the_table():
    breaches = {
        edge: where
        for edge, where in app_imports().items()
        if edge[1] not in ALLOWED[edge[0]] and edge not in KNOWN_BREACHES
    }
    assert breaches == {}, "imports against STYLE.md's table: " + "; ".join(
        f"{a} -> {b} at {', '.join(where[:3])}" for (a, b), where in breaches.items()
    )


def test_known_breaches_are_still_there():
    edges = app_imports()
    fixed = [edge for edge in KNOWN_BREACHES if edge not in edges]
    assert fixed == [], f"remove from KNOWN_BREACHES: {fixed}"


def test_no_cycles_between_apps():
    """With the known breaches set aside, the allowed graph itself has no cycle."""
    graph = {a: {b for (x, b) in app_imports() if x == a} - {k[1] for k in KNOWN_BREACHES if k[0] == a}
             for a in ALLOWED}  # fmt: skip
    seen: set[str] = set()
    stack: list[str] = []

    def visit(app: str) -> None:
        assert app not in stack, "cycle: " + " -> ".join([*stack[stack.index(app) :], app])
        if app in seen:
            return
        stack.append(app)
        for other in sorted(graph[app]):
            visit(other)
        stack.pop()
        seen.add(app)

    for app in sorted(graph):
        visit(app)


def test_a_selector_never_imports_a_view_module():
    """Selectors are read by pages, the API, reports and the dashboard: a view module imported
    by a selector (``views``, ``views_pages``, ``api.views``...) puts the page layer under them."""
    offenders = []
    for path in sorted(ROOT.glob("*/selectors*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] + [f"{node.module or ''}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            else:
                continue
            if any(part.startswith("views") for m in modules for part in m.split(".")):
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []
