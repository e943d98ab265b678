"""What the benches that serve the app with gunicorn on PostgreSQL share: the environment,
a fresh database, the server, and percentiles."""

import contextlib
import http.client
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, out: dict) -> None:
    """A load's figures: requests, errors (4xx, 5xx, failed connections), throughput and
    latencies (`out` holds `latencies` in ms, `statuses` and the `wall` time)."""
    latencies, statuses = out["latencies"], Counter(out["statuses"])
    errors = sum(count for status, count in statuses.items() if status >= 400 or status == 0)
    print(
        f"{name}: requests {len(latencies)}   errors {errors}   "
        f"throughput {len(latencies) / out['wall']:.1f} req/s   in {out['wall']:.1f} s"
    )
    print(
        f"{name}: latency ms   median {statistics.median(latencies):.1f}   "
        f"p95 {percentile(latencies, 0.95):.1f}   p99 {percentile(latencies, 0.99):.1f}   "
        f"max {max(latencies):.1f}"
    )


def environment(database: str, **extra: str) -> dict:
    """The bench settings (the project's, plus a floor view) on this PostgreSQL database."""
    return (
        os.environ
        | {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "0",
            "PRODUCTION": "0",
            "SECRET_KEY": "bench-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONPATH": str(ROOT),
        }
        | extra
    )


def recreate_database(env: dict, database: str) -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database}")
        connection.execute(f"CREATE DATABASE {database}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def setup_django(env: dict) -> None:
    """This process, as the server's: the same settings and database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, ready_path: str = "/"):
    """gunicorn serving bench.wsgi (workers forked from a preloaded app) until the block
    ends; waits until it answers `ready_path`."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.wsgi",
            "-w",
            str(workers),
            "--preload",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", ready_path)
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        yield server
    finally:
        server.terminate()
        server.wait()


def warm_up(port: int, path: str, headers: dict, count: int = 0, bodies=None) -> None:
    """Enough requests that every worker has connected to the database and been through
    the token, the role and the API before timing: `count` GETs, or a POST of each of
    `bodies` (to a path whose writes the bench does not count)."""
    for body in [None] * count if bodies is None else bodies:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET" if body is None else "POST", path, body=body, headers=headers)
        connection.getresponse().read()
        connection.close()
