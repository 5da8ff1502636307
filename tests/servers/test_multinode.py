"""Two nodes behind nginx, sharing PostgreSQL, Redis, the files and a worker (issue #19 item 6),
and a PostgreSQL restart under them (issue #18 item 6). See tests/servers/harness.py."""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass

from core.testing import pdf_bytes

from .harness import Browser, Harness, api, new_case


def test_a_session_made_on_node_a_works_on_node_b(servers: Harness):
    """Sessions live in the shared database: signed in on A, the user is signed in on B too."""
    a, b = servers.nodes
    browser = Browser()
    assert browser.get(b.url + "/").status_code == 302  # not signed in: to the login page
    browser.login(a.url, "qninh")
    home = browser.get(b.url + "/")
    assert home.status_code == 200, home.status_code
    assert 'name="username"' not in home.text
    assert browser.get(servers.url + "/").status_code == 200  # and through the proxy


def test_a_write_on_a_shows_at_once_in_the_figures_served_by_b(servers: Harness, tokens, ids):
    """A case recorded on A counts at once in the dashboard that B serves from the shared cache."""
    a, b = servers.nodes
    browser = Browser()
    dashboard = b.url + "/api/v1/dashboard/"
    before = browser.get(dashboard, headers=api(tokens["qninh"])).json()["cases"]["total"]
    assert browser.get(dashboard, headers=api(tokens["qninh"])).json()["cases"]["total"] == before  # cached
    new_case(a.url, tokens["qninh"], ids["qninh_unit"], 1)
    after = browser.get(dashboard, headers=api(tokens["qninh"])).json()["cases"]["total"]
    assert after == before + 1


def test_a_report_requested_on_a_is_made_by_the_worker_and_downloaded_from_b(servers: Harness, tokens, ids):
    """The worker takes the job from the database; B serves the finished report."""
    a, b = servers.nodes
    browser = Browser()
    response = browser.request(
        "POST",
        a.url + "/api/v1/reports/",
        json={
            "period_kind": "year",
            "year": 2021,
            "owner_unit": ids["units"]["CDN"],
            "classification": "thuong",
        },
        headers=api(tokens["doingoai"]),
    )
    assert response.status_code == 201, response.text[:500]
    run_id = response.json()["id"]
    deadline = time.monotonic() + 90
    while True:
        run = browser.get(f"{b.url}/api/v1/reports/{run_id}/", headers=api(tokens["doingoai"])).json()
        if run["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert run["status"] == "done", (run, servers.log_tails())
    browser.login(a.url, "doingoai")
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK")):
        download = browser.get(f"{b.url}/reports/runs/{run_id}/download/{fmt}/")
        assert download.status_code == 200, (fmt, download.status_code)
        assert download.content.startswith(magic)


def test_a_file_uploaded_on_a_is_served_by_b(servers: Harness, tokens, ids):
    """Attachments are written to the shared storage by A and read back by B."""
    a, b = servers.nodes
    case = new_case(a.url, tokens["qninh"], ids["qninh_unit"], 2)
    browser = Browser()
    browser.login(a.url, "qninh")
    content = pdf_bytes()
    response = browser.post(
        f"{a.url}/attachments/{ids['case_type']}/{case['id']}/add/",
        data={"title": "Biên bản"},
        files={"file": ("bien-ban.pdf", content, "application/pdf")},
    )
    assert response.status_code == 302, response.status_code
    attachment = servers.shell(
        "from core.models import Attachment; "
        f"print(Attachment.objects.filter(object_id='{case['id']}').latest('pk').pk)"
    )
    download = browser.get(f"{b.url}/attachments/{attachment}/download/")
    assert download.status_code == 200, download.status_code
    assert download.content == content


@dataclass
class Call:
    started: float
    ended: float
    status: int  # 0: no answer at all
    path: str = ""


class Client(threading.Thread):
    """A client sending requests through the proxy without pause, alternating an API call
    (token) and a page (session), until stopped; every answer is kept."""

    def __init__(self, servers: Harness, token: str, browser: Browser) -> None:
        super().__init__(daemon=True)
        self.servers, self.token, self.browser = servers, token, browser
        self.calls: list[Call] = []
        self.halt = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.halt.is_set():
            n += 1
            started = time.monotonic()
            path = "/api/v1/assignments/?page_size=5" if n % 2 else "/tracking/notifications/"
            try:
                headers = api(self.token) if n % 2 else {}
                status = self.browser.get(self.servers.url + path, headers=headers).status_code
            except OSError:
                status = 0
            self.calls.append(Call(started, time.monotonic(), status, path))

    def stop(self) -> list[Call]:
        self.halt.set()
        self.join(timeout=60)
        return self.calls


def test_sigterm_to_node_a_under_load_fails_no_request(servers: Harness, tokens):
    """gunicorn finishes the requests in flight and closes its socket; nginx passes the rest
    to B (proxy_next_upstream): the client sees no failure."""
    a, _b = servers.nodes
    browser = Browser()
    browser.login(servers.url, "qninh")
    client = Client(servers, tokens["qninh"], browser)
    client.start()
    time.sleep(1.5)
    os.kill(a.process.popen.pid, signal.SIGTERM)  # the master, as docker stop or systemd would
    a.process.popen.wait(timeout=40)
    time.sleep(2)
    calls = client.stop()
    try:
        failed = [c for c in calls if c.status != 200]
        assert len(calls) > 20, len(calls)
        assert not failed, (failed, servers.log_tails())
        assert a.process.popen.returncode == 0
    finally:
        a.start()  # back for any test after this one


def test_a_postgresql_restart_fails_at_most_the_requests_in_flight(servers: Harness, tokens):
    """``pg_ctl restart -m fast`` under both nodes: the requests in flight meanwhile may get
    503 (never 500, never no answer), and every request after the restart succeeds
    (CONN_HEALTH_CHECKS: each worker reconnects by itself)."""
    browser = Browser()
    browser.login(servers.url, "qninh")
    client = Client(servers, tokens["qninh"], browser)
    client.start()
    time.sleep(1.5)
    down = time.monotonic()
    servers.cluster.restart()
    up = time.monotonic()
    time.sleep(3)
    calls = client.stop()
    during = [c for c in calls if c.ended >= down and c.started <= up]
    after = [c for c in calls if c.started > up]
    before = [c for c in calls if c.ended < down]
    assert before and after and all(c.status == 200 for c in before)
    assert all(c.status in (200, 503) for c in during), ([c for c in during], servers.log_tails())
    assert [c.status for c in after] == [200] * len(after), servers.log_tails()
    assert servers.worker.running(), "the database worker survives the restart"
    servers.notes.append(
        f"restart: {up - down:.2f} s; {len(during)} requests meanwhile, "
        f"{sum(c.status == 503 for c in during)} answered 503; {len(after)} after, all 200"
    )
