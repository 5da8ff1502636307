"""The benchmark of issue #11, part 5: time and queries per page, as two users, plus throughput.

In-process with Django's test ``Client`` (no network, no static files): the figure is the
server's own time for a request, middleware included. Queries are counted with
``CaptureQueriesContext`` on one request after the warm-up. The list pages' requests per
second come from four processes, each with its own client and database connection (forked
after the parent closed its connections), so the two cores are really shared.

The targets are data (``TARGETS``): a page or endpoint is one line; an app that is not
there yet is reported as missing rather than failing the run.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

USERS = ("doingoai", "qninh")  # ministry-wide coordinator; provincial officer (CA-QUANG-NINH)
BUDGET_MS = {"list": 150, "detail": 150, "indicator": 300, "dashboard": 300, "search": 150}


@dataclass(frozen=True)
class Target:
    """One page or endpoint: a fixed URL, or one built from a record the user may see."""

    name: str
    kind: str  # list, detail, indicator, dashboard, search (the budget follows the kind)
    url: str = ""
    model: str = ""  # "app.Model" of a detail target: the oldest record both users see
    pattern: str = ""  # the detail URL with {pk}
    concurrent: bool = False  # one of the main list pages of the throughput run

    @property
    def budget_ms(self) -> int:
        return BUDGET_MS[self.kind]


TARGETS: tuple[Target, ...] = (
    Target("partners indicators", "indicator", "/partners/"),
    Target("API indicators", "indicator", "/api/v1/indicators/"),
    Target("partners agencies", "list", "/partners/agencies/", concurrent=True),
    Target("capacity indicator", "indicator", "/capacity/"),
    Target("API capacity", "indicator", "/api/v1/capacity/"),
    Target("capacity profiles", "list", "/capacity/profiles/"),
    Target("API staff profiles", "list", "/api/v1/staff-profiles/"),
    Target("instruments list", "list", "/instruments/instruments/", concurrent=True),
    Target("API instruments", "list", "/api/v1/instruments/"),
    Target(
        "instrument detail",
        "detail",
        model="instruments.Instrument",
        pattern="/instruments/instruments/{pk}/",
    ),
    Target("obligations list", "list", "/tracking/obligations/", concurrent=True),
    Target("assignments list", "list", "/tracking/assignments/", concurrent=True),
    Target("progress reports list", "list", "/tracking/reports/"),
    Target("my work", "list", "/tracking/my-work/"),
    Target("overdue board", "list", "/tracking/overdue/"),
    Target("API obligations", "list", "/api/v1/obligations/"),
    Target("API assignments", "list", "/api/v1/assignments/"),
    Target("API progress reports", "list", "/api/v1/progress-reports/"),
    Target("obligation detail", "detail", model="tracking.Obligation", pattern="/tracking/obligations/{pk}/"),
    Target("assignment detail", "detail", model="tracking.Assignment", pattern="/tracking/assignments/{pk}/"),
    Target("cases list", "list", "/cases/cooperationcases/", concurrent=True),
    Target("case detail", "detail", model="cases.CooperationCase", pattern="/cases/cooperationcases/{pk}/"),
    Target("API cases", "list", "/api/v1/cases/"),
    Target("API case detail", "detail", model="cases.CooperationCase", pattern="/api/v1/cases/{pk}/"),
    Target("events list", "list", "/events/events/", concurrent=True),
    Target("event detail", "detail", model="events.Event", pattern="/events/events/{pk}/"),
    Target("API events", "list", "/api/v1/events/"),
    Target("dashboard", "dashboard", "/dashboard/"),
    Target("API dashboard", "dashboard", "/api/v1/dashboard/"),
    Target("search", "search", "/search/?q=hop+tac"),
    Target("API search", "search", "/api/v1/search/?q=hop+tac"),
    Target("API search symbol", "search", "/api/v1/search/?q=50-ctr%2Fduca"),
)


@dataclass
class Result:
    target: str
    kind: str
    user: str
    url: str
    status: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    first_ms: float | None = None  # the first request, cold
    queries: int | None = None
    budget_ms: int | None = None
    ok: bool | None = None
    error: str = ""


@dataclass
class Report:
    label: str
    database: str
    started: str
    repeat: int
    counts: dict[str, int] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    throughput: list[dict[str, Any]] = field(default_factory=list)
    yearly_report: dict[str, Any] = field(default_factory=dict)
    query_comparison: list[dict[str, Any]] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th): no interpolation to flatter it."""
    ordered = sorted(values)
    rank = max(1, int(-(-share * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def record_counts() -> dict[str, int]:
    names = (
        "org.Unit org.User partners.ForeignAgency instruments.Instrument tracking.Obligation "
        "tracking.Assignment tracking.ProgressReport cases.CooperationCase events.Event capacity.StaffProfile"
    ).split()
    return {name: apps.get_model(name)._base_manager.count() for name in names}


def client_for(username: str) -> tuple[Client, Any]:
    from org.models import User

    user = User.objects.select_related("unit").get(username=username)
    client = Client()
    client.force_login(user)
    return client, user


def detail_url(target: Target, users: list[Any]) -> str | None:
    """The oldest record of the model that every benchmark user may see (same URL for both).

    The oldest is a demo record, present with the same id in the demo-size and national
    databases: the query counts of the two runs then compare the same page."""
    model = apps.get_model(target.model)
    qs = model.objects.all()
    for user in users:
        qs = qs.filter(pk__in=model.objects.visible_to(user).values("pk"))
    pk = qs.order_by("pk").values_list("pk", flat=True).first()
    return target.pattern.format(pk=pk) if pk is not None else None


def measure(client: Client, url: str, repeat: int, warmup: int = 2) -> tuple[int, list[float], int, float]:
    """Status, times after the warm-up, queries of one request, and the first request's time
    (cold: cached figures computed, templates compiled), reported beside the percentiles."""
    cache.clear()
    status = 0
    began = time.perf_counter()
    first = 0.0
    for i in range(warmup):
        status = client.get(url).status_code
        if i == 0:
            first = (time.perf_counter() - began) * 1000
    if (time.perf_counter() - began) / warmup > 2:
        repeat = min(repeat, 5)  # a page of seconds: a few samples say enough
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    count = len(queries.captured_queries)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        status = response.status_code
    return status, times, count, first


def run_targets(
    targets: tuple[Target, ...], repeat: int, log: Callable[[str], None], only: set[str] | None = None
) -> list[Result]:
    clients = {name: client_for(name) for name in USERS}
    bench_users = [user for _, user in clients.values()]
    results = []
    for target in targets:
        if only and target.name not in only:
            continue
        url = detail_url(target, bench_users) if target.kind == "detail" else target.url
        for name, (client, _user) in clients.items():
            result = Result(target.name, target.kind, name, url or "", budget_ms=target.budget_ms)
            if not url:
                result.error = "no record visible to both users"
            else:
                try:
                    status, times, count, first = measure(client, url, repeat)
                    result.status, result.queries, result.first_ms = status, count, round(first, 1)
                    result.median_ms = round(statistics.median(times), 1)
                    result.p95_ms = round(percentile(times, 0.95), 1)
                    result.ok = status == 200 and result.p95_ms <= target.budget_ms
                    if status != 200:
                        result.error = f"HTTP {status}"
                except Exception as exc:  # a page under construction must not stop the run
                    result.error = f"{type(exc).__name__}: {exc}"[:300]
            results.append(result)
            log(format_result(result))
    return results


def format_result(r: Result) -> str:
    def num(value: Any, width: int) -> str:
        return f"{value:>{width}}" if value is not None else " " * (width - 1) + "–"

    verdict = "ok" if r.ok else ("SLOW" if r.status == 200 else "")
    return (
        f"{r.target:<24} {r.user:<9} {num(r.status, 4)} {num(r.median_ms, 8)} {num(r.p95_ms, 8)} "
        f"{num(r.first_ms, 8)} {num(r.budget_ms, 5)} {num(r.queries, 4)}  {verdict} {r.error}"
    )


HEADER = f"{'target':<24} {'user':<9} {'http':>4} {'median':>8} {'p95 ms':>8} {'first':>8} {'budget':>5} {'qry':>4}"


def _worker(args: tuple[str, list[str], float]) -> tuple[int, list[float]]:
    """One concurrent client: its own connection, cycling through the list pages for ``seconds``."""
    username, urls, seconds = args
    connections.close_all()
    client, _user = client_for(username)
    times: list[float] = []
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        began = time.perf_counter()
        client.get(urls[i % len(urls)])
        times.append((time.perf_counter() - began) * 1000)
        i += 1
    connections.close_all()
    return i, times


def throughput(targets: tuple[Target, ...], clients: int, seconds: float) -> list[dict[str, Any]]:
    """Requests per second of the main list pages with ``clients`` concurrent clients, per user."""
    urls = [t.url for t in targets if t.concurrent]
    out = []
    for username in USERS:
        connections.close_all()  # the children open their own; a shared socket would break both
        context = multiprocessing.get_context("fork")
        began = time.monotonic()
        with context.Pool(clients) as pool:
            parts = pool.map(_worker, [(username, urls, seconds)] * clients)
        elapsed = time.monotonic() - began
        times = [t for _, ts in parts for t in ts]
        done = sum(n for n, _ in parts)
        out.append(
            {
                "user": username,
                "clients": clients,
                "seconds": round(elapsed, 1),
                "requests": done,
                "requests_per_second": round(done / seconds, 1),
                "median_ms": round(statistics.median(times), 1) if times else None,
                "p95_ms": round(percentile(times, 0.95), 1) if times else None,
                "pages": urls,
            }
        )
    return out


def yearly_report(username: str = "doingoai") -> dict[str, Any]:
    """Last year's ministry report, generated by the benchmark reports registers."""
    from core.benchmarks import run_benchmark

    return run_benchmark("yearly_report", username=username)


def compare_queries(current: list[Result], baseline_path: str) -> list[dict[str, Any]]:
    """Queries per request here against another run (the demo): they must be equal."""
    if not baseline_path or not os.path.exists(baseline_path):
        return []
    with open(baseline_path, encoding="utf-8") as fh:
        baseline = json.load(fh)
    before = {(r["target"], r["user"]): r["queries"] for r in baseline.get("results", [])}
    rows = []
    for r in current:
        other = before.get((r.target, r.user))
        rows.append(
            {
                "target": r.target,
                "user": r.user,
                "baseline": other,
                "here": r.queries,
                "equal": other == r.queries if None not in (other, r.queries) else None,
            }
        )
    return rows


def run(
    *,
    label: str,
    repeat: int,
    clients: int,
    seconds: float,
    baseline: str,
    log: Callable[[str], None],
    only: set[str] | None = None,
    skip_throughput: bool = False,
) -> Report:
    report = Report(
        label=label,
        database=connection.settings_dict.get("NAME", ""),
        started=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        repeat=repeat,
        counts=record_counts(),
    )
    log(f"{label}: {report.counts}")
    log(HEADER)
    report.results = run_targets(TARGETS, repeat, log, only)
    if not skip_throughput:
        report.throughput = throughput(TARGETS, clients, seconds)
        for row in report.throughput:
            log(
                f"throughput {row['user']:<9} {row['clients']} clients: {row['requests_per_second']} req/s "
                f"(median {row['median_ms']} ms, p95 {row['p95_ms']} ms)"
            )
    report.yearly_report = yearly_report()
    log(f"yearly report: {report.yearly_report}")
    report.query_comparison = compare_queries(report.results, baseline)
    differing = [c for c in report.query_comparison if c["equal"] is False]
    if report.query_comparison:
        log(
            f"queries equal to the baseline: {len(report.query_comparison) - len(differing)}/{len(report.query_comparison)}"
        )
        for c in differing:
            log(f"  DIFFERENT {c['target']} ({c['user']}): {c['baseline']} → {c['here']}")
    return report


def save(report: Report, path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    data = asdict(report)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2, default=str)


def markdown(data: dict[str, Any]) -> str:
    """A saved run as the Markdown tables of docs/performance.md."""
    compared = {(c["target"], c["user"]): c for c in data.get("query_comparison", [])}
    lines = [
        "| target | user | median ms | p95 ms | first (cold) ms | budget | queries (demo → national) | verdict |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for r in data.get("results", []):
        c = compared.get((r["target"], r["user"]))
        queries = (
            f"{c['baseline']} → {r['queries']}" if c and c["baseline"] is not None else f"{r['queries']}"
        )
        if c and c["equal"] is False:
            queries += " ≠"
        verdict = "ok" if r["ok"] else (r["error"] or "over budget")
        lines.append(
            f"| {r['target']} | {r['user']} | {r['median_ms']} | {r['p95_ms']} | {r.get('first_ms', '–')} "
            f"| {r['budget_ms']} "
            f"| {queries} | {verdict} |"
        )
    if data.get("throughput"):
        lines += ["", "| user | clients | requests/s | median ms | p95 ms |", "|---|---:|---:|---:|---:|"]
        for t in data["throughput"]:
            lines.append(
                f"| {t['user']} | {t['clients']} | {t['requests_per_second']} | {t['median_ms']} | {t['p95_ms']} |"
            )
    return "\n".join(lines)
