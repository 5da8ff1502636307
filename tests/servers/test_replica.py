"""The optional read replica (issue #19 item 3) against a real streaming replica made with
``pg_basebackup -R`` from the harness's primary: lists read from the replica, a client that
wrote reads its writes from the primary, everything else stays on the primary."""

from __future__ import annotations

import time

from .harness import Browser, Harness, api, new_case


def listed(node_url: str, token: str) -> list[int]:
    page = Browser().get(node_url + "/api/v1/cases/?ordering=-id&page_size=20", headers=api(token))
    assert page.status_code == 200, page.status_code
    return [row["id"] for row in page.json()["results"]]


def test_lists_read_the_replica_and_a_writer_reads_its_own_writes(servers: Harness, tokens, ids):
    """With replay paused on the replica, a new case is missing from another user's list (read
    from the replica) but in its writer's list (on the primary for the sticky window) and in
    anyone's detail view (not a list: the primary); once replay resumes, everyone lists it."""
    replica = servers.start_replica()
    assert servers.cluster.psql("SELECT count(*) FROM pg_stat_replication", "postgres") == "1"
    node = servers.start_node(
        "replica", DATABASE_REPLICA_URL=replica.url(), HOPTAC_REPLICA_STICKY_SECONDS="60"
    )
    replica.psql("SELECT pg_wal_replay_pause()")
    case = new_case(node.url, tokens["qninh"], ids["qninh_unit"], 3)
    assert case["id"] not in listed(node.url, tokens["doingoai"])
    assert case["id"] in listed(node.url, tokens["qninh"])
    detail = Browser().get(f"{node.url}/api/v1/cases/{case['id']}/", headers=api(tokens["doingoai"]))
    assert detail.status_code == 200
    replica.psql("SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 15
    while case["id"] not in listed(node.url, tokens["doingoai"]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.3)
