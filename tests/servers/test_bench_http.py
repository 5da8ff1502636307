"""`manage.py bench --http` end to end on the harness's cluster (issue #23): gunicorn started by
the benchmark itself, wrk against the floor and two pages as both user kinds, the raw SQL of
the list, and the dashboard's first request after a write. Figures are not judged here (a
test is no measurement); that the run produces each of them is."""

from __future__ import annotations

import json

from .harness import Harness


def test_the_http_benchmark_measures_floor_pages_sql_and_cold_figures(servers: Harness):
    output = servers.work / "bench-http.json"
    servers.manage(
        "bench", "--http", "--label", "harness", "--seconds", "1", "--output", str(output),
        "--only", "overdue board", "dashboard",
        timeout=180,
    )  # fmt: skip
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["floor"]["requests_per_second"] > 0
    assert data["floor"]["errors"] == 0
    assert data["machine"]["autovacuum"] in ("on", "off")
    assert data["machine"]["postgresql"]
    assert data["commit"]
    rows = {(r["target"], r["user"]): r for r in data["results"]}
    assert set(rows) == {(t, u) for t in ("overdue board", "dashboard") for u in ("doingoai", "qninh")}
    for row in rows.values():
        assert row["status"] == 200, row
        assert row["requests_per_second"] > 0 and row["errors"] == 0, row
        assert row["floor_ratio"] is not None, row
    assert rows[("overdue board", "qninh")]["raw_sql_ms"] > 0  # a list: its SQL timed alone
    assert rows[("dashboard", "qninh")]["raw_sql_ms"] is None
    (cold,) = data["cold"]
    assert cold["target"] == "dashboard" and cold["status"] == 200 and cold["ratio"] > 0
