"""The HTTP mode of the benchmark: what it reads from wrk and how it judges a page.

The run itself starts gunicorn and wrk (tests/servers/test_bench_http.py, PostgreSQL pass)."""

from __future__ import annotations

import pytest

from scale.httpbench import HttpResult, judge, markdown, parse_wrk

WRK = """Running 3s test @ http://127.0.0.1:8000/login/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.12ms    2.01ms  30.00ms   90.00%
    Req/Sec   250.00     20.00   300.00     80.00%
  Latency Distribution
     50%  790.00us
     75%    8.50ms
     90%    9.20ms
     99%    1.50s
  1500 requests in 3.00s, 10.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:    500.25
Transfer/sec:      3.33MB
"""


def test_wrk_report_is_read_with_its_units_and_errors():
    run = parse_wrk(WRK)
    assert run.requests_per_second == 500.25
    assert run.p50_ms == pytest.approx(0.79)
    assert run.p99_ms == 1500.0
    assert run.requests == 1500
    assert run.errors == 6  # 1 read + 2 timeouts + 3 non-2xx


def test_a_wrk_run_without_a_result_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="no result"):
        parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused")


def test_a_page_is_judged_against_the_floor_and_its_raw_sql():
    floor_cost = 2.0  # the floor serves 500 req/s
    fast = HttpResult(
        "t", "list", "doingoai", "/x/", status=200, requests_per_second=100, p50_ms=30, raw_sql_ms=25
    )
    judge(fast, floor_cost)
    assert (fast.cost_ms, fast.floor_ratio, fast.sql_ratio, fast.ok) == (10.0, 5.0, 1.2, True)
    # 10 x the floor is the limit: 40 req/s costs 25 ms, 12.5 x.
    slow = HttpResult("t", "list", "doingoai", "/x/", status=200, requests_per_second=40, p50_ms=30)
    judge(slow, floor_cost)
    assert (slow.floor_ratio, slow.ok) == (12.5, False)
    # Within 10 x the floor but far over its SQL: 25 ms of SQL + 5 x 2 ms < 40 ms.
    framework = HttpResult(
        "t", "list", "qninh", "/x/", status=200, requests_per_second=60, p50_ms=40, raw_sql_ms=25
    )
    judge(framework, floor_cost)
    assert framework.ok is False
    errors = HttpResult("t", "list", "qninh", "/x/", status=200, requests_per_second=400, p50_ms=3, errors=1)
    judge(errors, floor_cost)
    assert errors.ok is False


def test_markdown_prints_every_line_and_the_cold_figures():
    data = {
        "commit": "abc1234",
        "started": "2026-12-07T18:00:00+00:00",
        "machine": {"cores": 2},
        "connections": 4,
        "seconds": 20,
        "floor": {"url": "/login/", "requests_per_second": 500, "p50_ms": 7, "p99_ms": 15, "cost_ms": 2},
        "results": [
            {
                "target": "overdue board",
                "user": "qninh",
                "requests_per_second": 50,
                "p50_ms": 70,
                "p99_ms": 90,
                "floor_ratio": 10.0,
                "raw_sql_ms": None,
                "sql_ratio": None,
                "ok": True,
                "note": "",
            },
        ],
        "cold": [
            {"target": "dashboard", "warm_ms": 40, "first_after_write_ms": 100, "ratio": 2.5, "ok": True}
        ],
    }
    text = markdown(data)
    assert "| overdue board | qninh | 50 | 70 | 90 | 10.0 | – | – | ok |" in text
    assert "| dashboard | 40 | 100 | 2.5 | ok |" in text
    assert "abc1234" in text
