"""The benchmark's own machinery on the demo: timings, query counts, the baseline comparison."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from scale import bench


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert bench.percentile(values, 0.95) == 19.0
    assert bench.percentile(values, 0.5) == 10.0
    assert bench.percentile([5.0], 0.95) == 5.0


def test_every_target_has_a_budget():
    names = [t.name for t in bench.TARGETS]
    assert len(names) == len(set(names))
    for target in bench.TARGETS:
        assert target.budget_ms in (150, 300)
        assert bool(target.url) != bool(target.pattern)
    assert any(t.concurrent for t in bench.TARGETS)


@pytest.mark.django_db
def test_run_targets_times_and_counts(users, tmp_path):
    targets = (
        bench.Target("cases list", "list", "/cases/cooperationcases/"),
        bench.Target(
            "case detail", "detail", model="cases.CooperationCase", pattern="/cases/cooperationcases/{pk}/"
        ),
        bench.Target("missing page", "list", "/no-such-page/"),
    )
    results = bench.run_targets(targets, repeat=2, log=lambda _line: None)
    assert len(results) == 3 * len(bench.USERS)
    by_key = {(r.target, r.user): r for r in results}
    for user in bench.USERS:
        listed = by_key[("cases list", user)]
        assert listed.status == 200 and listed.queries > 0 and listed.p95_ms >= listed.median_ms > 0
        assert by_key[("case detail", user)].status == 200
        assert by_key[("missing page", user)].status == 404 and not by_key[("missing page", user)].ok

    # Queries compared with a baseline run: equal where equal, flagged where not.
    baseline = tmp_path / "demo.json"
    rows = [{"target": r.target, "user": r.user, "queries": r.queries} for r in results]
    rows[0]["queries"] += 1
    baseline.write_text(json.dumps({"results": rows}))
    compared = bench.compare_queries(results, str(baseline))
    assert [c["equal"] for c in compared].count(False) == 1
    table = bench.markdown({"results": [asdict(r) for r in results], "query_comparison": compared})
    assert table.count("\n") == len(results) + 1 and table.count("≠") == 1
