"""gunicorn settings for hoptac: `gunicorn -c deploy/gunicorn.conf.py` (docs/operations.md).

The one description of the web server: `make serve-prod`, the container image, the compose
file, the systemd units and the multi-node harness all start gunicorn through `deploy/hoptac
web`, which reads this file. A site changes the numbers through the environment
(deploy/hoptac.env or its site file), never by editing it.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import shutil
import tempfile


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "hoptac.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "") or "127.0.0.1:8000"

# Synchronous workers: a request is CPU and database work with no long-lived connection, and
# a crashed or stuck request takes one process with it, not its neighbours. gunicorn's rule
# of thumb is 2 x cores + 1; WEB_CONCURRENCY (the usual name) overrides it per machine.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)

# A worker silent for this long is killed and replaced. Pages answer in well under a second
# (docs/performance.md); slow work (reports, imports, reminders) runs in the database worker.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (a deploy, `systemctl stop`, `docker stop`) requests in flight get this long to
# finish before their worker is killed; container stop timeouts must be longer.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# The reverse proxy keeps connections to the nodes open between requests.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle each worker after this many requests (jittered so they do not restart together):
# bounds slow memory growth without a restart of the service.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Load the application once in the master, then fork: workers share its memory pages, and
# hoptac/wsgi.py freezes the loaded objects out of the garbage collector's reach first.
# A broken configuration then fails the start, not each worker in a loop.
preload_app = True

# Only the reverse proxy may say which client and scheme a request came from.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "") or "127.0.0.1"

# No control socket (gunicorn >= 24): hoptac does not use it, and two nodes started by one
# user on one machine would fight over its default path.
control_socket_disable = True

# Access log on stdout (the journal or the container log) with the time taken in
# microseconds and the request id that the history and the application logs carry.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "") or "info"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus request_id=%({x-request-id}o)s'


# Prometheus metrics of all workers in one answer (/metrics): prometheus_client's
# multiprocess mode keeps each worker's values in files of this folder. It must be set before
# the application (and prometheus_client) is loaded, hence here. A folder of the site's choice
# (PROMETHEUS_MULTIPROC_DIR) is emptied at start; otherwise a fresh temporary one is used.
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    for stale in glob.glob(os.path.join(os.environ["PROMETHEUS_MULTIPROC_DIR"], "*.db")):
        os.remove(stale)
    _own_metrics_dir = None
else:
    _own_metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="hoptac-metrics-")


def child_exit(server, worker) -> None:
    """A worker that exits leaves its counters, but its gauges must no longer count."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    """Remove the temporary metrics folder this configuration made."""
    if _own_metrics_dir:
        shutil.rmtree(_own_metrics_dir, ignore_errors=True)
