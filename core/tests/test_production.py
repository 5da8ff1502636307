"""The production configuration: its refusals, and gunicorn serving it with DEBUG off.

These start real processes with the settings of deploy/hoptac.env and the commands of
deploy/hoptac, the one place the container image, compose file and systemd units use too.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.testing import deploy_env, server_env

ROOT = Path(__file__).resolve().parents[2]
KEY = "k8#Vq2!xZ7pR4mW9sT1yB6nC3dF0gH5jL8aE2uI7oP4rS9wQ3zX6vN1"
AUDIT_KEY = "a3!Rt9#Lm2@Xw7$Qp5^Zs8&Kd4*Vb6(Nf1)Hj0"


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This process's environment without its hoptac and Django settings, plus deploy/hoptac.env."""
    env = server_env()
    env.update(
        DATABASE_URL="sqlite:///{}".format(tmp_path / "db.sqlite3"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        HOPTAC_MAX_CLASSIFICATION="mat",
    )
    env.update(extra)
    return env


def django_setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.HOPTAC_AUDIT_KEY == s.SECRET_KEY)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_deploy_settings_say_debug_off():
    """deploy/hoptac.env is a production configuration: DEBUG off, the base settings."""
    values = deploy_env()
    assert values["DEBUG"] == "0"
    assert values["DJANGO_SETTINGS_MODULE"] == "hoptac.settings.base"


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    """DEBUG off without ALLOWED_HOSTS is refused at start-up, naming the setting."""
    result = django_setup(production_env(tmp_path, SECRET_KEY=KEY, HOPTAC_AUDIT_KEY=AUDIT_KEY))
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_an_empty_secret_key(tmp_path):
    """An empty SECRET_KEY line counts as unset, so the default key is refused."""
    result = django_setup(
        production_env(tmp_path, SECRET_KEY="", HOPTAC_AUDIT_KEY=AUDIT_KEY, ALLOWED_HOSTS="h")
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_a_new_production_instance_must_set_the_audit_key(tmp_path):
    """DEBUG off without HOPTAC_AUDIT_KEY is refused; with it, the chain has its own key."""
    env = production_env(tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="h")
    refused = django_setup(env)
    assert refused.returncode != 0 and "HOPTAC_AUDIT_KEY" in refused.stderr
    started = django_setup({**env, "HOPTAC_AUDIT_KEY": AUDIT_KEY})
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "False"


def test_an_instance_keyed_by_its_secret_key_keeps_verifying(tmp_path):
    """HOPTAC_AUDIT_KEY_FROM_SECRET=1 keeps the old default: the chain's key is SECRET_KEY."""
    env = production_env(tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="h", HOPTAC_AUDIT_KEY_FROM_SECRET="1")
    started = django_setup(env)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "True"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_gunicorn_serves_the_production_configuration(tmp_path):
    """With DEBUG off, `deploy/hoptac web` serves pages, and whitenoise the hashed, compressed
    static files that `deploy/hoptac static` collected (cached for ever)."""
    port = _free_port()
    env = production_env(
        tmp_path,
        SECRET_KEY=KEY,
        HOPTAC_AUDIT_KEY=AUDIT_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_PROXY_SSL="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    static = subprocess.run(
        [str(ROOT / "deploy" / "hoptac"), "static", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert static.returncode == 0, static.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    server = subprocess.Popen(
        [str(ROOT / "deploy" / "hoptac"), "web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = _get(port, "/login/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()}")
                time.sleep(0.3)
        assert page.status == 200
        assert page.getheader("Server", "").startswith("gunicorn")
        html = page.body.decode()  # type: ignore[attr-defined]
        stylesheet = re.search(r'href="(/static/css/hoptac\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "the page links the hashed stylesheet"
        css = _get(port, stylesheet.group(1), {"Accept-Encoding": "gzip"})
        assert css.status == 200
        assert css.getheader("Content-Encoding") == "gzip"
        assert "immutable" in css.getheader("Cache-Control", "")
        assert _get(port, "/static/css/missing.css").status == 404
        assert _get(port, "/health/").status == 200
        probe = subprocess.run([str(ROOT / "deploy" / "hoptac"), "probe"], cwd=ROOT, env=env)
        assert probe.returncode == 0
        # Metrics add up the workers' counts (prometheus_client's multiprocess mode).
        for _ in range(6):
            _get(port, "/health/")
        metrics = _get(port, "/metrics").body.decode()  # type: ignore[attr-defined]
        served = re.search(
            r'^django_http_requests_total_by_method_total\{method="GET"\} ([0-9.]+)$', metrics, re.M
        )
        assert served and float(served.group(1)) >= 10, metrics[:2000]
        assert "hoptac_task_queue_readable 0.0" in metrics  # this database was never migrated
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode == 0


def _commands() -> set[str]:
    """The commands that deploy/hoptac knows."""
    script = (ROOT / "deploy" / "hoptac").read_text()
    return set(re.findall(r"^  ([a-z-]+)\)", script, re.M))


def test_the_deployment_files_take_commands_and_settings_from_one_place():
    """The image, the compose file, the systemd units and `make serve-prod` run only commands
    of deploy/hoptac, with the settings of deploy/hoptac.env: they cannot drift from what the
    tests run."""
    import yaml

    commands = _commands()
    assert {"web", "worker", "reminders", "daily", "migrate", "static", "probe", "manage"} <= commands
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["deploy/hoptac"]' in dockerfile and 'CMD ["web"]' in dockerfile
    assert "STATIC_ROOT={} ".format(deploy_env()["STATIC_ROOT"]) in dockerfile
    assert "\nUSER hoptac\n" in dockerfile

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    services = compose["services"]
    app = {name: s for name, s in services.items() if s.get("image") == "hoptac:latest"}
    assert {"migrate", "web1", "web2", "worker", "reminders"} <= set(app)
    for name, service in app.items():
        assert service["command"][0] in commands, name
        assert service["env_file"] == ["hoptac.env", "site.env"], name
    assert [app[n]["command"] for n in ("web1", "web2", "worker", "reminders")] == [
        ["web"],
        ["web"],
        ["worker"],
        ["daily"],
    ]
    assert app["web1"]["healthcheck"]["test"][1:3] == ["deploy/hoptac", "probe"]
    assert {"db", "redis", "proxy"} <= set(services)

    units = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
    assert {u.name for u in units} >= {
        "hoptac-web.service",
        "hoptac-worker@.service",
        "hoptac-reminders.service",
    }
    for unit in units:
        text = unit.read_text()
        assert "EnvironmentFile=/opt/hoptac/deploy/hoptac.env\nEnvironmentFile=/etc/hoptac/site.env" in text
        for command in re.findall(r"^ExecStart=/opt/hoptac/deploy/hoptac (\S+)", text, re.M):
            assert command in commands, unit.name
        assert re.search(r"^ExecStart=/opt/hoptac/deploy/hoptac ", text, re.M), unit.name

    makefile = (ROOT / "Makefile").read_text()
    serve_prod = makefile[makefile.index("serve-prod:") :]
    assert ". deploy/hoptac.env" in serve_prod and "deploy/hoptac web" in serve_prod
