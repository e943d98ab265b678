"""pretix as the peer benches run it: its own virtual environment under var/peers (not a
dependency of the project), a configuration on the local PostgreSQL and Redis, a fresh
database migrated, the set-up scripts of pretix_side/ run with pretix's own Python, and
gunicorn serving pretix.wsgi.

No Celery broker is configured, so pretix runs its tasks eagerly, inside the request, as it
does when installed without one: an order's confirmation mail is rendered (HTML and text)
and sent to the SMTP sink before the order's answer. (No PDF ticket is attached: ticket
download is off by default in a new event.)
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import serving  # bench/, on the path as pretix.py puts it

ROOT = Path(__file__).resolve().parent.parent.parent
VERSION = "2026.8.0"
# gunicorn serves it; psycopg2-binary and the rest come with pretix's own requirements.
REQUIREMENTS = [f"pretix=={VERSION}", "gunicorn"]
HOME = ROOT / "var" / "peers"
VENV = HOME / "pretix-venv"
PYTHON = VENV / "bin" / "python"
DIRECTORY = HOME / "pretix"
CONFIG = DIRECTORY / "pretix.cfg"
SIDE = Path(__file__).resolve().parent / "pretix_side"
DATABASE = "pretix_bench"
MIGRATED = "pretix_bench_migrated_" + VERSION.replace(".", "_")
PORT = 8791
SMTP_PORT = 8794
REDIS = "redis://127.0.0.1:6379/13"  # ours use 15 (the bench broker) and 0 (tests)


def installed() -> bool:
    """Whether the venv holds this pretix version (pip is not asked again if so)."""
    if not PYTHON.exists():
        return False
    found = subprocess.run(
        [str(PYTHON), "-c", "import pretix, gunicorn; print(pretix.__version__)"],
        capture_output=True,
        text=True,
        cwd=VENV,  # not bench/peers, where pretix.py would shadow the package
    )
    return found.stdout.strip() == VERSION


def install() -> float | None:
    """The venv, made and filled unless it already holds this version; the seconds it
    took, or None when there was nothing to do."""
    if installed():
        return None
    began = time.perf_counter()
    print(f"installing pretix {VERSION} into {VENV.relative_to(ROOT)} ...", file=sys.stderr)
    # The machine's python3 (as `python3 -m venv`), not the project's venv's interpreter.
    subprocess.run([shutil.which("python3") or "/usr/bin/python3", "-m", "venv", str(VENV)])
    subprocess.run(
        [str(VENV / "bin" / "pip"), "install", "--quiet", *REQUIREMENTS],
        check=True,
        env=os.environ | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    if not installed():
        raise SystemExit(f"pretix {VERSION} did not install into {VENV}")
    return time.perf_counter() - began


def write_config() -> None:
    """pretix.cfg: the local PostgreSQL and Redis (cache and sessions), mail to the bench's
    SMTP sink, no Celery broker (tasks run inside the request), no exchange-rate fetching."""
    (DIRECTORY / "data").mkdir(parents=True, exist_ok=True)
    CONFIG.write_text(
        f"""[pretix]
instance_name=pretix (peer bench)
url=http://127.0.0.1:{PORT}
datadir={DIRECTORY / "data"}
currency=EUR
ecb_rates=off

[locale]
default=en
timezone=Europe/Vienna

[django]
secret=bench-only-not-secret
debug=off

[database]
backend=postgresql
name={DATABASE}
user=postgres
host=127.0.0.1
port=5432

[redis]
location={REDIS}
sessions=true

[mail]
from=pretix@example.org
host=127.0.0.1
port={SMTP_PORT}
"""
    )


def environment() -> dict:
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DATABASE", "PYTHON", "VIRTUAL_ENV", "PRETIX"))
    } | {
        "DJANGO_SETTINGS_MODULE": "pretix.settings",
        "PRETIX_CONFIG_FILE": str(CONFIG),
    }


def run(*arguments: str, capture: bool = False) -> str:
    """pretix's Python with these arguments, in pretix's environment; its output."""
    done = subprocess.run(
        [str(PYTHON), *arguments],
        cwd=DIRECTORY,
        env=environment(),
        check=True,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    return done.stdout or ""


def recreate_database() -> float:
    """A fresh database, migrated; Redis database 13 emptied. Returns the seconds taken.
    pretix's migrations take minutes here, so the first run keeps a migrated copy
    (MIGRATED, per version) and later runs clone it."""
    import psycopg
    import redis

    began = time.perf_counter()
    write_config()
    redis.Redis.from_url(REDIS).flushdb()
    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [MIGRATED]
        ).fetchone()
        if found:
            connection.execute(f"CREATE DATABASE {DATABASE} TEMPLATE {MIGRATED}")
        else:
            connection.execute(f"CREATE DATABASE {DATABASE}")
            run("-m", "pretix", "migrate", "-v0")
            connection.execute(f"CREATE DATABASE {MIGRATED} TEMPLATE {DATABASE}")
    return time.perf_counter() - began


def side(script: str, *arguments) -> dict:
    """A script of pretix_side/ run with pretix's Python (its last line of output is JSON).
    pretix_side/ is the script's own folder, so bench/peers/pretix.py never shadows the
    pretix package there."""
    output = run(str(SIDE / script), *map(str, arguments), capture=True)
    return json.loads(output.strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(workers: int, ready_path: str = "/api/v1/"):
    """gunicorn serving pretix.wsgi on PORT until the block ends, as serving.gunicorn serves
    ours (workers forked from a preloaded app); waits until it answers `ready_path`."""
    server = subprocess.Popen(
        [
            str(VENV / "bin" / "gunicorn"),
            "pretix.wsgi",
            "-w",
            str(workers),
            "--preload",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=DIRECTORY,
        env=environment(),
    )
    try:
        serving.wait_until_answers(PORT, ready_path, "pretix's gunicorn", seconds=30)
        yield server
    finally:
        server.terminate()
        server.wait()


@contextlib.contextmanager
def smtp_sink():
    """A mail server of the bench's own on SMTP_PORT (tests.servers.SmtpSink, in a process
    of its own so that it takes nothing from the clients' threads); yields a function that
    tells how many mails it has received so far."""
    code = (
        "import sys, time\n"
        "from tests import servers\n"
        "servers.free_port = lambda: int(sys.argv[1])\n"
        "sink = servers.SmtpSink()\n"
        "print('ready', flush=True)\n"
        "for line in sys.stdin:\n"
        "    print(len(sink.received), flush=True)\n"
        "sink.stop()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(SMTP_PORT)],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    process.stdout.readline()

    def received() -> int:
        process.stdin.write("count\n")
        process.stdin.flush()
        return int(process.stdout.readline())

    try:
        yield received
    finally:
        process.stdin.close()
        process.wait(10)
