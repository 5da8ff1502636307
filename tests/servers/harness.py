"""The one server harness: hoptac as it is deployed, on this machine, for the server tests.

It starts what docs/operations.md deploys, with the commands of ``deploy/hoptac`` and the
settings of ``deploy/hoptac.env`` (so the tests run what is deployed):

- a throwaway PostgreSQL cluster on a free port (Debian's binaries, run as ``postgres``:
  CI runs as root and ``initdb`` refuses root), loaded from a demo template that is built
  once on the main server and reused while the migrations and the demo do not change;
- a private Redis (the shared cache), two gunicorn nodes, one database worker;
- nginx in front of the nodes, its configuration generated from ``deploy/nginx/hoptac.conf``;
- on request, a streaming replica of the cluster (``pg_basebackup -R``).

Everything runs under one working folder and in process groups of its own, so ``stop()``
removes every process and file, even after a failure. Used by tests/servers/.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from core.testing import server_env

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("HOPTAC_PG_BIN", "") or "/usr/lib/postgresql/15/bin")
TEMPLATE_DATABASE = "hoptac_harness_template"
DATABASE = "hoptac"
HOST = "127.0.0.1"
SECRET_KEY = "harness-" + "k8#Vq2!xZ7pR4mW9sT1yB6nC3dF0gH5jL8aE2uI7oP4rS9wQ3zX6vN1"
AUDIT_KEY = "harness-" + "a3!Rt9#Lm2@Xw7$Qp5^Zs8&Kd4*Vb6(Nf1)Hj0"
DEMO_PASSWORD = "hoptac-demo"


class HarnessError(RuntimeError):
    """A piece of the harness did not start or stop in time; the message says which and why."""


class BudgetExceeded(HarnessError):
    """The server tests took longer than their budget (tests/servers/conftest.py)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL's server programs refuse root: run them as the postgres user when root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args: list[str], what: str, timeout: float = 120, **kwargs) -> str:
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        raise HarnessError(f"{what} failed ({shlex.join(args)}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _psql(url: str, sql: str) -> str:
    """One SQL statement through psql; its output, unaligned."""
    return _run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], "psql").strip()


def _wait(what: str, check, timeout: float, process: subprocess.Popen | None = None, log: Path | None = None):
    """Poll ``check`` until it is true; fail naming ``what`` (with its log) after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError, requests.RequestException):
            if check():
                return
        if process is not None and process.poll() is not None:
            raise HarnessError(f"{what} exited with {process.returncode}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise HarnessError(f"{what} did not start within {timeout:.0f} s:\n{_tail(log)}")
        time.sleep(0.2)


def _tail(log: Path | None, lines: int = 30) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def template_key() -> str:
    """What the template database depends on: the migrations and the demo loader."""
    digest = hashlib.sha256()
    files = [p for p in ROOT.glob("*/migrations/*.py")]
    files += [p for p in ROOT.glob("*/demo*.py")]
    files += [ROOT / "core" / "management" / "commands" / "load_demo.py"]
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- PostgreSQL ----------------------------------------------------------------------------------


@dataclass
class Cluster:
    """A throwaway PostgreSQL cluster in ``directory``, owned and run by postgres."""

    directory: Path
    port: int = field(default_factory=free_port)

    @property
    def log(self) -> Path:
        return self.directory.parent / f"{self.directory.name}.log"

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def initdb(self) -> None:
        self._own_directory()
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.directory),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            "initdb",
        )

    def _own_directory(self) -> None:
        self.directory.mkdir(mode=0o700, exist_ok=True)
        self.log.touch()
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for path in (self.directory, self.log):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)

    def pg_ctl(self, *args: str, timeout: float = 60) -> None:
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.directory}"
            " -c fsync=off -c synchronous_commit=off -c max_connections=60"
        )
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.directory),
                    "-l",
                    str(self.log),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    str(int(timeout)),
                    *args,
                ]
            ),
            f"pg_ctl {' '.join(args)}",
            timeout=timeout + 10,
        )

    def start(self) -> None:
        self.pg_ctl("start")

    def restart(self) -> None:
        """A fast restart: connections are cut, the server is back when this returns."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if (self.directory / "postmaster.pid").exists():
            with contextlib.suppress(HarnessError, subprocess.TimeoutExpired):
                self.pg_ctl("stop", "-m", "immediate", timeout=20)

    def psql(self, sql: str, database: str = DATABASE) -> str:
        return _psql(self.url(database), sql)

    def replica(self, directory: Path) -> Cluster:
        """A streaming replica of this cluster (``pg_basebackup -R``), started on its own port."""
        replica = Cluster(directory)
        replica._own_directory()
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_basebackup"),
                    "-h",
                    HOST,
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    "-D",
                    str(directory),
                    "-R",
                    "-X",
                    "stream",
                    "--no-sync",
                    "-c",
                    "fast",
                ]
            ),
            "pg_basebackup",
        )
        replica.start()
        return replica


def ensure_template(main_url: str) -> Path:
    """A custom-format dump of the demo template, built on the main server only when the
    migrations or the demo changed (the database's comment holds the key it was built for).

    A lock keeps two runs on this machine from building it at the same time."""
    key = template_key()
    main = urlsplit(main_url)
    server = f"postgres://{main.username or 'postgres'}@{main.hostname or HOST}:{main.port or 5432}"
    cache = Path(tempfile.gettempdir()) / "hoptac-harness"
    cache.mkdir(exist_ok=True)
    dump = cache / f"template-{key}.dump"
    with open(cache / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if dump.exists():
            return dump
        comment = _psql(
            f"{server}/postgres",
            f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{TEMPLATE_DATABASE}'",
        )
        if comment != key:
            template_url = f"{server}/{TEMPLATE_DATABASE}"
            _psql(f"{server}/postgres", f"DROP DATABASE IF EXISTS {TEMPLATE_DATABASE} WITH (FORCE)")
            _psql(
                f"{server}/postgres",
                f"CREATE DATABASE {TEMPLATE_DATABASE} TEMPLATE template0 ENCODING 'UTF8'",
            )
            env = node_env(
                template_url, redis_url="", media_root=cache / "media", static_root=cache / "static"
            )
            hoptac = [str(ROOT / "deploy" / "hoptac")]
            _run([*hoptac, "migrate", "-v", "0"], "migrate the template", timeout=300, cwd=ROOT, env=env)
            _run(
                [*hoptac, "manage", "load_demo", "--force", "-v", "0"],
                "load the demo",
                timeout=300,
                cwd=ROOT,
                env=env,
            )
            _psql(f"{server}/postgres", f"COMMENT ON DATABASE {TEMPLATE_DATABASE} IS '{key}'")
        for stale in cache.glob("template-*.dump"):
            stale.unlink()
        _run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-privileges",
                "-d",
                f"{server}/{TEMPLATE_DATABASE}",
                "-f",
                str(dump),
            ],
            "pg_dump",
        )
        return dump


# --- the application -----------------------------------------------------------------------------


def node_env(
    database_url: str, *, redis_url: str, media_root: Path, static_root: Path, **extra: str
) -> dict[str, str]:
    """The environment of a node: this process's without its hoptac and Django settings, then
    deploy/hoptac.env, then what a site file would say, then the test's overrides."""
    env = server_env()
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(static_root),
        SECRET_KEY=SECRET_KEY,
        HOPTAC_AUDIT_KEY=AUDIT_KEY,
        ALLOWED_HOSTS=f"{HOST},localhost",
        HOPTAC_MAX_CLASSIFICATION="tuyet_mat",
        # The harness sets the rate limits explicitly: off, its clients are all one address.
        HOPTAC_RATELIMIT="0",
        HOPTAC_DEMO_PASSWORD=DEMO_PASSWORD,
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="2",
    )
    env.update(extra)
    return env


@dataclass
class Process:
    """A long-running process of the harness, in its own process group, logging to a file."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.popen = subprocess.Popen(
                self.args,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.running():
            os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM (gunicorn and the worker finish what they are doing), SIGKILL if slow."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)
        # Children left by a master that died first.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)


@dataclass
class Node:
    """A web node: ``deploy/hoptac web`` on its own port."""

    name: str
    process: Process
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 60) -> None:
        self.process.start()
        _wait(
            f"web node {self.name}",
            lambda: requests.get(self.url + "/health/", timeout=2).status_code == 200,
            timeout,
            self.process.popen,
            self.process.log,
        )


def nginx_config(prefix: Path, port: int, upstreams: list[int]) -> str:
    """nginx for the harness, drawn from deploy/nginx/hoptac.conf: the same upstream options,
    body limit, /metrics rule and ``location /`` block, on plain HTTP and a free port."""
    source = (ROOT / "deploy" / "nginx" / "hoptac.conf").read_text()
    server_options = re.search(r"^\s*server 127\.0\.0\.1:\d+ ([^;]*);", source, re.M).group(1)
    keepalive = re.search(r"^\s*(keepalive \d+;)", source, re.M).group(1)
    body_size = re.search(r"^\s*(client_max_body_size \S+;)", source, re.M).group(1)
    metrics = re.search(r"^\s*(location = /metrics \{[^}]*\})", source, re.M).group(1)
    location = re.search(r"^(\s*location / \{.*?^\s*\})", source, re.M | re.S).group(1)
    servers = "\n".join(f"    server {HOST}:{p} {server_options};" for p in upstreams)
    tmp = prefix / "tmp"
    return f"""# Generated by tests/servers/harness.py from deploy/nginx/hoptac.conf.
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream hoptac {{
{servers}
    {keepalive}
    }}
    server {{
        listen {HOST}:{port};
        server_name _;
        {body_size}
        {metrics}
{location}
    }}
}}
"""


# --- the whole ---------------------------------------------------------------------------------


@dataclass
class Harness:
    """The cluster, Redis, two nodes behind nginx and a worker; ``start()``, then ``stop()``."""

    main_database_url: str
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hoptac-harness-")))
    cluster: Cluster | None = None
    replica: Cluster | None = None
    redis: Process | None = None
    redis_url: str = ""
    nodes: list[Node] = field(default_factory=list)
    extra_nodes: list[Node] = field(default_factory=list)
    worker: Process | None = None
    proxy: Process | None = None
    proxy_port: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    # Lines for the end of the pytest run (conftest's terminal summary): timings, findings.
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The reverse proxy: what the users reach."""
        return f"http://{HOST}:{self.proxy_port}"

    @property
    def logs(self) -> Path:
        return self.work / "logs"

    def env(self, **extra: str) -> dict[str, str]:
        return node_env(
            self.cluster.url(),
            redis_url=self.redis_url,
            media_root=self.work / "media",
            static_root=self.work / "static",
            **extra,
        )

    @contextlib.contextmanager
    def _timed(self, what: str) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.timings[what] = round(time.monotonic() - started, 1)

    def start(self) -> None:
        atexit.register(self.stop)
        self.work.chmod(0o755)  # postgres must reach its cluster folder inside
        self.logs.mkdir()
        (self.work / "media").mkdir()
        with self._timed("template"):
            dump = ensure_template(self.main_database_url)
        with self._timed("cluster"):
            self.cluster = Cluster(self.work / "primary")
            self.cluster.initdb()
            self.cluster.start()
            _psql(
                self.cluster.url("postgres"), f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'"
            )
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "-d",
                    self.cluster.url(),
                    str(dump),
                ],
                "pg_restore",
            )
        with self._timed("redis"):
            self._start_redis()
        with self._timed("static"):
            _run(
                [str(ROOT / "deploy" / "hoptac"), "static", "-v", "0"],
                "collectstatic",
                cwd=ROOT,
                env=self.env(),
            )
        with self._timed("nodes"):
            for name in ("a", "b"):
                port = free_port()
                env = self.env(GUNICORN_BIND=f"{HOST}:{port}")
                args = [str(ROOT / "deploy" / "hoptac"), "web"]
                self.nodes.append(
                    Node(name, Process(f"web-{name}", args, env, self.logs / f"web-{name}.log"), port)
                )
            for node in self.nodes:
                node.process.start()
            for node in self.nodes:
                _wait(
                    f"web node {node.name}",
                    lambda node=node: requests.get(node.url + "/health/", timeout=2).status_code == 200,
                    90,
                    node.process.popen,
                    node.process.log,
                )
        self.worker = Process(
            "worker",
            [str(ROOT / "deploy" / "hoptac"), "worker", "--worker-id", "harness-1"],
            self.env(),
            self.logs / "worker.log",
        )
        self.worker.start()
        with self._timed("proxy"):
            self._start_proxy()

    def _start_redis(self) -> None:
        """A private Redis when the binary is there; otherwise a database of the machine's own."""
        binary = shutil.which("redis-server")
        if binary is None:
            self.redis_url = os.environ.get("HOPTAC_HARNESS_REDIS_URL", "redis://127.0.0.1:6379/13")
            import redis

            redis.Redis.from_url(self.redis_url).flushdb()
            return
        port = free_port()
        self.redis = Process(
            "redis",
            [
                binary,
                "--port",
                str(port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            dict(os.environ),
            self.logs / "redis.log",
        )
        self.redis.start()
        self.redis_url = f"redis://{HOST}:{port}/0"
        import redis

        _wait("redis", lambda: redis.Redis(host=HOST, port=port).ping(), 20, self.redis.popen, self.redis.log)

    def _start_proxy(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        prefix = self.work / "nginx"
        (prefix / "tmp").mkdir(parents=True)
        (prefix / "tmp").chmod(0o777)  # nginx's workers drop root for nobody
        self.proxy_port = free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(prefix, self.proxy_port, [n.port for n in self.nodes]))
        _run([nginx, "-t", "-p", str(prefix), "-c", str(conf)], "nginx -t")
        self.proxy = Process(
            "nginx", [nginx, "-p", str(prefix), "-c", str(conf)], dict(os.environ), self.logs / "nginx.log"
        )
        self.proxy.start()
        _wait(
            "nginx",
            lambda: requests.get(self.url + "/health/", timeout=2).status_code == 200,
            20,
            self.proxy.popen,
            prefix / "error.log",
        )

    def start_node(self, name: str, **extra: str) -> Node:
        """One more web node with its own settings (not behind the proxy); stopped by stop()."""
        port = free_port()
        env = self.env(GUNICORN_BIND=f"{HOST}:{port}", **extra)
        node = Node(
            name,
            Process(
                f"web-{name}", [str(ROOT / "deploy" / "hoptac"), "web"], env, self.logs / f"web-{name}.log"
            ),
            port,
        )
        self.extra_nodes.append(node)
        node.start()
        return node

    def start_replica(self) -> Cluster:
        """A streaming replica of the throwaway primary (for the read-replica tests)."""
        if self.replica is None:
            self.replica = self.cluster.replica(self.work / "replica")
        return self.replica

    def stop(self) -> None:
        """Stop everything this harness started and remove its folder; safe to call twice."""
        nodes = [n.process for n in self.nodes + self.extra_nodes]
        for process in [self.proxy, *nodes, self.worker, self.redis]:
            if process is not None:
                with contextlib.suppress(Exception):
                    process.stop(timeout=15)
        for cluster in (self.replica, self.cluster):
            if cluster is not None:
                cluster.stop()
        if os.environ.get("HOPTAC_HARNESS_KEEP"):
            self.notes.append(f"kept {self.work} (HOPTAC_HARNESS_KEEP)")
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        atexit.unregister(self.stop)

    # --- helpers for the tests ---------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 120) -> str:
        """A management command against the cluster, with a node's settings."""
        return _run(
            [str(ROOT / "deploy" / "hoptac"), "manage", *args],
            f"manage {args[0]}",
            timeout=timeout,
            cwd=ROOT,
            env=self.env(),
        )

    def shell(self, code: str) -> str:
        """Run Python in ``manage.py shell`` against the cluster; its last printed line."""
        return self.manage("shell", "--verbosity", "0", "-c", code).strip().splitlines()[-1]

    def create_token(self, username: str) -> str:
        """An API token for ``username``: the one place the server tests make tokens, so that
        changing how tokens are issued (personal tokens) changes one function."""
        return self.shell(
            "from core.testing import api_token; from org.models import User; "
            f"print(api_token(User.objects.get(username={username!r}), name='server tests'))"
        )

    def log_tails(self) -> str:
        """The end of every log, for a failure's report."""
        parts = []
        for log in sorted(self.logs.glob("*.log")) + sorted(self.work.glob("*.log")):
            parts.append(f"--- {log.name}\n{_tail(log, 15)}")
        return "\n".join(parts)


class Browser:
    """A user's browser: cookies kept per user and sent to whichever node or proxy is asked.

    Production cookies are Secure, and the harness speaks plain HTTP to the nodes, so the
    cookies are sent regardless of that flag (as the TLS proxy would make them)."""

    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.headers["Host"] = HOST

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        for cookie in self.session.cookies:
            cookie.secure = False
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        response = self.session.request(method, url, **kwargs)
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        """A form POST with the CSRF token of the cookie, as the page's form would send it."""
        data = dict(kwargs.pop("data", {}) or {})
        data.setdefault("csrfmiddlewaretoken", self.session.cookies.get("csrftoken", ""))
        return self.request("POST", url, data=data, **kwargs)

    def login(self, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
        """Through the login form, as the HTTP benchmark signs its users in (one way to do it)."""
        from scale.httpbench import sign_in

        try:
            sign_in(base, username, password, session=self.session)
        except (RuntimeError, requests.HTTPError) as exc:
            raise HarnessError(f"sign-in of {username} on {base}: {exc}") from exc


def api(token: str) -> dict[str, str]:
    return {"Authorization": f"Token {token}", "Host": "127.0.0.1", "Accept-Language": "en"}


def new_case(node_url: str, token: str, unit_id: int, n: int) -> dict:
    """A case recorded through the API of the given node."""
    browser = Browser()
    response = browser.request(
        "POST",
        node_url + "/api/v1/cases/",
        json={
            "title": f"Yêu cầu xác minh qua hai máy chủ số {n}",
            "type": "information",
            "direction": "outgoing",
            "channel": "interpol",
            "crime_area": "fraud",
            "opened_on": "2026-03-02",
            "owner_unit": unit_id,
            "classification": "thuong",
        },
        headers=api(token),
    )
    assert response.status_code == 201, response.text[:500]
    return response.json()
