"""The HTTP mode of the benchmark (issue #23): pages as users meet them.

In-process timings (``scale.bench``) leave out the server, the network stack, the session
and the other requests a worker serves at the same time. Here gunicorn (``deploy/hoptac
web``, production settings, 2 workers) serves the dataset and ``wrk`` (Debian's package)
drives each page at 4 connections for each user kind. In the same run it measures:

- the floor: the anonymous login page, whose cost is the unit every page is compared to;
- the raw SQL of each main list: the page's own SELECT statements, captured once and run
  alone on one connection (best of three), so "time over the SQL" is the framework's part;
- for the cached figures, the first request after a write elsewhere against the warm one.

A page's cost is the inverse of its requests per second at 4 connections. The ratios, not
the milliseconds, are the targets: they travel between machines (docs/performance.md).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scale.bench import TARGETS, USERS, Target, client_for, detail_url, percentile

ROOT = Path(settings.BASE_DIR)
HOST = "127.0.0.1"
FLOOR_URL = "/login/"
# Targets of issue #23, item 2 (ratios measured in one run).
MAX_FLOOR_RATIO = 10.0  # every page: at most 10 x the floor's cost
LIST_SQL_FLOORS = 5.0  # main lists: at most their raw SQL time + 5 x the floor's cost
MAX_COLD_RATIO = 3.0  # dashboard and capacity: first request after a write <= 3 x warm
COLD_TARGETS = ("dashboard", "capacity indicator")


@dataclass
class WrkRun:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors and non-2xx/3xx answers


@dataclass
class HttpResult:
    target: str
    kind: str
    user: str
    url: str
    status: int | None = None
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    cost_ms: float | None = None  # 1000 / (req/s) at the run's connections
    floor_ratio: float | None = None
    raw_sql_ms: float | None = None
    sql_ratio: float | None = None  # p50 over the raw SQL time
    queries: int | None = None
    ok: bool | None = None
    note: str = ""


@dataclass
class HttpReport:
    label: str
    started: str
    commit: str
    machine: dict[str, Any]
    connections: int
    seconds: float
    floor: dict[str, Any] = field(default_factory=dict)
    results: list[HttpResult] = field(default_factory=list)
    cold: list[dict[str, Any]] = field(default_factory=list)


# --- wrk ------------------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkRun:
    """wrk's report (``--latency``): requests/s, the 50 % and 99 % latencies, the errors."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise ValueError("wrk printed no result: " + output[-300:])
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return WrkRun(float(rps.group(1)), _ms(p50.group(1)), _ms(p99.group(1)), int(total.group(1)), errors)


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed: apt-get install wrk (Debian's package is the pinned one)")
    return found


def wrk(url: str, cookie: str, connections: int, seconds: float) -> WrkRun:
    args = [wrk_binary(), f"-t{min(2, connections)}", f"-c{connections}", f"-d{max(1, int(seconds))}s"]
    args += ["--latency", "--timeout", "30s", "-H", "Accept-Language: vi"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*args, url], capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(done.stdout)


# --- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def deploy_env() -> dict[str, str]:
    """deploy/hoptac.env, the settings every production node reads."""
    values = {}
    for line in (ROOT / "deploy" / "hoptac.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def server_env(port: int, workers: int) -> dict[str, str]:
    """The production settings, with this run's database, keys and static files; plain HTTP
    (no proxy in front) and the rate limits off (every client here is one address)."""
    env = {**deploy_env(), **os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="hoptac.settings.base",
        DEBUG="0",
        GUNICORN_BIND=f"{HOST}:{port}",
        WEB_CONCURRENCY=str(workers),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_PROXY_SSL="0",
        HOPTAC_PROXY_COUNT="0",
        SECURE_SSL_REDIRECT="0",
        HOPTAC_RATELIMIT="0",
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(settings.STATIC_ROOT),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        HOPTAC_PYTHON=sys.executable,
    )
    if not env.get("SECRET_KEY"):
        env["HOPTAC_ALLOW_DEFAULT_KEY"] = "1"
    return env


@contextlib.contextmanager
def gunicorn(workers: int = 2, timeout: float = 60) -> Iterator[str]:
    """``deploy/hoptac web`` on a free port for the length of the block; yields its base URL."""
    import requests

    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="hoptac-bench-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [str(ROOT / "deploy" / "hoptac"), "web"],
        cwd=ROOT,
        env=server_env(port, workers),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError("gunicorn stopped: " + Path(log.name).read_text()[-2000:])
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/health/", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer: " + Path(log.name).read_text()[-2000:])
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
        os.unlink(log.name)


def sign_in(base: str, username: str, password: str | None = None, *, session: Any = None) -> str:
    """A session cookie as a browser gets it, through the login form (the demo password).

    ``session`` (a ``requests.Session``) keeps the cookies for later requests: the server
    harness signs its browsers in through this same function."""
    import requests

    session = session if session is not None else requests.Session()
    page = session.get(base + FLOOR_URL, timeout=30, allow_redirects=False)
    page.raise_for_status()
    for cookie in session.cookies:
        cookie.secure = False  # production cookies are Secure; this is plain HTTP on loopback
    token = page.cookies.get("csrftoken") or session.cookies.get("csrftoken", "")
    answer = session.post(
        base + FLOOR_URL,
        data={
            "username": username,
            "password": password or settings.HOPTAC_DEMO_PASSWORD,
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": base + FLOOR_URL},
        allow_redirects=False,
        timeout=30,
    )
    for cookie in session.cookies:
        cookie.secure = False
    if answer.status_code != 302:
        raise RuntimeError(f"sign-in of {username} answered {answer.status_code}")
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


# --- raw SQL --------------------------------------------------------------------------------------


def page_sql(client: Client, url: str) -> list[str]:
    """The SELECT statements of one request of the page, in order (writes are not re-run)."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def time_sql(statements: list[str], rounds: int = 3) -> float | None:
    """The statements run alone on one connection, best of ``rounds``, in milliseconds."""
    if not statements:
        return None
    best = None
    with connection.cursor() as cursor:
        for _ in range(rounds):
            began = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            took = (time.perf_counter() - began) * 1000
            best = took if best is None else min(best, took)
    return round(best, 2) if best is not None else None


# --- the run --------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures depend on: load, cores, database version and its vacuum setting."""
    info: dict[str, Any] = {"cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}
    info["database"] = connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
            cursor.execute("SHOW autovacuum")
            info["autovacuum"] = cursor.fetchone()[0]
    return info


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def judge(result: HttpResult, floor_cost: float) -> None:
    """The ratios of issue #23 and whether the page meets its targets."""
    if not result.requests_per_second:
        return
    result.cost_ms = round(1000 / result.requests_per_second, 2)
    result.floor_ratio = round(result.cost_ms / floor_cost, 1) if floor_cost else None
    if result.raw_sql_ms:
        result.sql_ratio = round(result.p50_ms / result.raw_sql_ms, 1) if result.p50_ms else None
    ok = result.status == 200 and result.errors == 0
    if result.floor_ratio is not None:
        ok = ok and result.floor_ratio <= MAX_FLOOR_RATIO
    if result.raw_sql_ms is not None and result.p50_ms is not None:
        ok = ok and result.p50_ms <= result.raw_sql_ms + LIST_SQL_FLOORS * floor_cost
    result.ok = ok


def write_elsewhere(username: str = "doingoai") -> None:
    """One recorded change in a part of the system the figures do not read (an agency's notes),
    through its service: what invalidates a cache keyed on the newest change."""
    from core.services import record_update
    from org.models import User
    from partners.models import ForeignAgency

    actor = User.objects.get(username=username)
    agency = ForeignAgency.objects.visible_to(actor).order_by("pk").first()
    if agency is None:
        return
    stamp = f"bench {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}"
    record_update(actor=actor, obj=agency, data={"notes": stamp}, version=agency.version)


def cold_after_write(base: str, cookie: str, url: str, warm_rounds: int = 5) -> dict[str, Any]:
    """The first request after a write elsewhere, against the warm request (median)."""
    import requests

    headers = {"Cookie": cookie}
    warm = []
    requests.get(base + url, headers=headers, timeout=60)
    for _ in range(warm_rounds):
        began = time.perf_counter()
        requests.get(base + url, headers=headers, timeout=60)
        warm.append((time.perf_counter() - began) * 1000)
    write_elsewhere()
    began = time.perf_counter()
    status = requests.get(base + url, headers=headers, timeout=60).status_code
    cold = (time.perf_counter() - began) * 1000
    warm_ms = statistics.median(warm)
    ratio = round(cold / warm_ms, 1) if warm_ms else None
    return {
        "url": url,
        "status": status,
        "warm_ms": round(warm_ms, 1),
        "first_after_write_ms": round(cold, 1),
        "ratio": ratio,
        "ok": status == 200 and ratio is not None and ratio <= MAX_COLD_RATIO,
    }


def run(
    *,
    label: str,
    connections: int = 4,
    seconds: float = 10,
    workers: int = 2,
    only: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> HttpReport:
    """Every target as each benchmark user, the floor first; ratios judged at the end."""
    clients = {name: client_for(name) for name in USERS}
    bench_users = [user for _, user in clients.values()]
    targets: list[tuple[Target, str]] = []
    for target in TARGETS:
        if only and target.name not in only:
            continue
        url = detail_url(target, bench_users) if target.kind == "detail" else target.url
        if url:
            targets.append((target, url))
    report = HttpReport(
        label=label,
        started=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        commit=commit(),
        machine=machine(),
        connections=connections,
        seconds=seconds,
    )
    log(f"{label}: commit {report.commit}, {report.machine}")
    # The raw SQL of the main lists, in-process, before the server competes for the cores.
    raw: dict[tuple[str, str], tuple[float | None, int]] = {}
    for target, url in targets:
        if target.kind != "list":
            continue
        for name, (client, _user) in clients.items():
            statements = page_sql(client, url)
            raw[(target.name, name)] = (time_sql(statements), len(statements))
    connection.close()  # the server's workers and wrk get the machine
    with gunicorn(workers) as base:
        floor = wrk(base + FLOOR_URL, "", connections, seconds)
        floor_cost = 1000 / floor.requests_per_second if floor.requests_per_second else 0.0
        report.floor = {
            "url": FLOOR_URL,
            "requests_per_second": floor.requests_per_second,
            "p50_ms": floor.p50_ms,
            "p99_ms": floor.p99_ms,
            "cost_ms": round(floor_cost, 2),
            "errors": floor.errors,
        }
        log(
            f"floor {FLOOR_URL}: {floor.requests_per_second} req/s, p50 {floor.p50_ms} ms, p99 {floor.p99_ms} ms"
        )
        cookies = {name: sign_in(base, name) for name in USERS}
        log(HTTP_HEADER)
        import requests

        for target, url in targets:
            for name in USERS:
                result = HttpResult(target.name, target.kind, name, url)
                try:
                    result.status = requests.get(
                        base + url, headers={"Cookie": cookies[name]}, timeout=120, allow_redirects=False
                    ).status_code
                    if result.status == 200:
                        run_ = wrk(base + url, cookies[name], connections, seconds)
                        result.requests_per_second, result.p50_ms = run_.requests_per_second, run_.p50_ms
                        result.p99_ms, result.errors = run_.p99_ms, run_.errors
                    else:
                        result.note = f"HTTP {result.status}"
                except Exception as exc:  # a page under construction must not stop the run
                    result.note = f"{type(exc).__name__}: {exc}"[:300]
                result.raw_sql_ms, result.queries = raw.get((target.name, name), (None, None))
                judge(result, floor_cost)
                report.results.append(result)
                log(format_http(result))
        for target, url in targets:
            if target.name in COLD_TARGETS:
                row = {"target": target.name, **cold_after_write(base, cookies[USERS[0]], url)}
                report.cold.append(row)
                log(f"cold after a write: {row}")
    return report


HTTP_HEADER = (
    f"{'target':<24} {'user':<9} {'http':>4} {'req/s':>7} {'p50':>7} {'p99':>7} {'x floor':>7} "
    f"{'sql ms':>7} {'x sql':>6}"
)


def format_http(r: HttpResult) -> str:
    def num(value: Any, width: int) -> str:
        return f"{value:>{width}}" if value is not None else " " * (width - 1) + "–"

    verdict = "ok" if r.ok else ("OVER" if r.status == 200 else "")
    return (
        f"{r.target:<24} {r.user:<9} {num(r.status, 4)} {num(r.requests_per_second, 7)} {num(r.p50_ms, 7)} "
        f"{num(r.p99_ms, 7)} {num(r.floor_ratio, 7)} {num(r.raw_sql_ms, 7)} {num(r.sql_ratio, 6)}  "
        f"{verdict} {r.note}"
    )


def markdown(data: dict[str, Any]) -> str:
    """A saved HTTP run as the tables of docs/performance.md."""
    floor = data.get("floor", {})
    lines = [
        f"Commit {data.get('commit')}, {data.get('started')}; machine {data.get('machine')}; "
        f"wrk at {data.get('connections')} connections, {data.get('seconds')} s per line.",
        "",
        f"Floor `{floor.get('url')}`: {floor.get('requests_per_second')} req/s, p50 {floor.get('p50_ms')} ms, "
        f"p99 {floor.get('p99_ms')} ms (cost {floor.get('cost_ms')} ms).",
        "",
        "| target | user | req/s | p50 ms | p99 ms | × floor | raw SQL ms | p50 / SQL | verdict |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in data.get("results", []):
        verdict = "ok" if r.get("ok") else (r.get("note") or "over target")
        lines.append(
            f"| {r['target']} | {r['user']} | {r.get('requests_per_second')} | {r.get('p50_ms')} "
            f"| {r.get('p99_ms')} | {r.get('floor_ratio')} | {r.get('raw_sql_ms') or '–'} "
            f"| {r.get('sql_ratio') or '–'} | {verdict} |"
        )
    if data.get("cold"):
        lines += [
            "",
            "| figure | warm ms | first after a write ms | ratio | verdict |",
            "|---|---:|---:|---:|---|",
        ]
        for c in data["cold"]:
            lines.append(
                f"| {c['target']} | {c['warm_ms']} | {c['first_after_write_ms']} | {c['ratio']} "
                f"| {'ok' if c['ok'] else 'over target'} |"
            )
    return "\n".join(lines)


# --- simulated users ------------------------------------------------------------------------------


@dataclass
class UsersRun:
    users: int
    seconds: float
    think_seconds: float
    requests: int = 0
    errors: int = 0  # connection failures and 5xx answers
    not_found: int = 0  # 4xx: a page the simulated user may not see
    p50_ms: float | None = None
    p95_ms: float | None = None
    requests_per_second: float | None = None
    accounts: list[str] = field(default_factory=list)


def simulate_users(
    base: str,
    accounts: list[str],
    urls: list[str],
    users: int = 50,
    seconds: float = 120,
    think_seconds: float = 3.0,
    seed: int = 23,
) -> UsersRun:
    """``users`` people signed in with the given accounts (round robin, so mixed roles), each
    opening a random page of ``urls`` and then thinking ``think_seconds`` (±50 %)."""
    import random

    import requests

    cookies = {name: sign_in(base, name) for name in sorted(set(accounts))}
    times: list[float] = []
    outcome = UsersRun(users=users, seconds=seconds, think_seconds=think_seconds, accounts=sorted(cookies))
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def person(i: int) -> None:
        rng = random.Random(seed + i)
        session = requests.Session()
        headers = {"Cookie": cookies[accounts[i % len(accounts)]]}
        time.sleep(rng.uniform(0, think_seconds))  # people do not all arrive at once
        while time.monotonic() < stop_at:
            url = rng.choice(urls)
            began = time.perf_counter()
            try:
                status = session.get(
                    base + url, headers=headers, timeout=60, allow_redirects=False
                ).status_code
            except requests.RequestException:
                status = 0
            took = (time.perf_counter() - began) * 1000
            with lock:
                outcome.requests += 1
                times.append(took)
                if status == 0 or status >= 500:
                    outcome.errors += 1
                elif status >= 400:
                    outcome.not_found += 1
            time.sleep(think_seconds * rng.uniform(0.5, 1.5))

    threads = [threading.Thread(target=person, args=(i,), daemon=True) for i in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    elapsed = time.monotonic() - began
    if times:
        outcome.p50_ms = round(statistics.median(times), 1)
        outcome.p95_ms = round(percentile(times, 0.95), 1)
        outcome.requests_per_second = round(outcome.requests / elapsed, 1)
    return outcome
