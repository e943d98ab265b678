"""What the benches that serve the app with gunicorn on PostgreSQL share: the environment,
a fresh database, a session running today with its participants, the server, the clients,
the CPU they use, and the figures."""

import contextlib
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, out: dict) -> None:
    """A load's figures: requests, errors (4xx, 5xx, failed connections), throughput,
    latencies and, when measured, the CPU each request took (`out` as `load` fills it)."""
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
    if "cpu" in out:
        used = {part: seconds * 1000 / len(latencies) for part, seconds in out["cpu"].items()}
        print(
            f"{name}: CPU ms per request   gunicorn {used['gunicorn']:.2f}   "
            f"PostgreSQL {used['postgres']:.2f}   clients {used['clients']:.2f}   "
            f"whole machine {used['machine']:.2f} of {used['cores']:.2f}"
        )


def cpu_seconds(server: subprocess.Popen, database: str) -> dict:
    """CPU time used so far, in seconds: by each of the server's workers and each
    PostgreSQL backend serving `database` (by process id), by this process (the clients),
    and by the whole machine; what the machine used beyond the first three is what other
    programs took, which shows when a run was not alone."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"gunicorn": {}, "postgres": {}, "clients": time.process_time()}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            title = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        if int(fields[1]) == server.pid:
            used["gunicorn"][pid] = seconds
        elif title.startswith("postgres:") and f" {database} " in title:
            used["postgres"][pid] = seconds
    with open("/proc/stat") as stat:
        total = [int(field) for field in stat.readline().split()[1:]]
    used["machine"] = (sum(total) - total[3] - total[4]) / tick  # all but idle and iowait
    return used


def cpu_used(before: dict, after: dict) -> dict:
    """What each part used between two `cpu_seconds` (a process that began meanwhile
    counts whole)."""
    return {
        part: sum(seconds - before[part].get(pid, 0) for pid, seconds in after[part].items())
        if isinstance(after[part], dict)
        else after[part] - before[part]
        for part in after
    }


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


def environment_holding_mail(database: str) -> dict:
    """The bench settings for a bench whose set-up approves participants: that queues their
    mail, which an in-memory broker keeps (no worker runs), so that it is neither sent nor
    rendered."""
    mail = Path(tempfile.gettempdir()) / f"{database}-mail"
    return environment(database, BENCH_MAIL_DIR=str(mail), CELERY_BROKER_URL="memory://")


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


def running_session(session_format: str, entity_kinds: list[str]):
    """The session `bench` running from yesterday to three days on, in Vienna, 60 entities
    of these kinds in turn, a conference officer, and the table of bench/urls.py's floor
    view. Returns the session, the entities and the officer."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone

    from accounts.roles import CONFERENCE_OFFICERS
    from registration.models import Entity
    from sessions_app.models import Series, Session

    today = timezone.localdate(timezone=timezone.get_default_timezone())
    series = Series.objects.create(name="Bench", short_name="Bench", slug="bench")
    session = Session.objects.create(
        series=series,
        title="Bench session",
        short_name="Bench",
        slug="bench",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=3),
        time_zone="Europe/Vienna",
        format=session_format,
        languages=["en"],
    )
    entities = Entity.objects.bulk_create(
        Entity(kind=entity_kinds[n % len(entity_kinds)], name=f"Benchland {n}", code=f"B{n:02d}")
        for n in range(60)
    )
    officer = get_user_model().objects.create_user("officer@example.org", "officer@example.org")
    officer.groups.add(Group.objects.get(name=CONFERENCE_OFFICERS))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, note text)")
    return session, entities, officer


def approved_participants(session, entities, officer, count: int, mode: str, then) -> list:
    """`count` registrations of the entities in turn, to take part in this mode, made and
    approved by the officer through the services in one transaction (set-up, not
    measured); returns what `then` gives for each (their badge, their link)."""
    from django.db import transaction

    from registration import services as registration

    began = time.perf_counter()
    made = []
    with transaction.atomic():
        for n in range(count):
            registered = registration.register(
                session,
                entity=entities[n % len(entities)],
                actor=officer,
                by_officer=True,
                participation_mode=mode,
                salutation="Ms.",
                given_name="Bench",
                family_name=f"Participant {n}",
                email=f"participant{n}@example.org",
            )
            registration.approve(registered, officer)
            made.append(then(registered))
    print(
        f"set-up: {count} {mode} participants approved in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    return made


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, ready_path: str = "/"):
    """gunicorn serving bench.wsgi (workers forked from a preloaded app) until the block
    ends, with the static files collected first (pages need their manifest with DEBUG
    off); waits until it answers `ready_path`."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
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
        wait_until_answers(port, ready_path, "gunicorn")
        yield server
    finally:
        server.terminate()
        server.wait()


def wait_until_answers(port: int, path: str, what: str, seconds: float = 30) -> None:
    """Until a server started on the port answers the path (any status)."""
    for _ in range(int(seconds * 10)):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start")


def page_timings(port: int, path: str, headers: dict, requests: int) -> list[float]:
    """`requests` GETs of a page, one after another, on a connection kept open (as a
    browser does); milliseconds each. Anything but 200 stops the bench."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies = []
    for _ in range(requests):
        began = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
    connection.close()
    return latencies


def queries_of(path: str, cookie: str) -> int:
    """The queries of one request for the page by the signed-in `cookie`, in this process
    (after a first request, as the server's workers have had)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured.captured_queries)


def warm_up(port: int, path: str, headers: dict, count: int = 0, bodies=None) -> None:
    """Enough requests that every worker has connected to the database and been through
    the token, the role and the API before timing: `count` GETs, or a POST of each of
    `bodies` (to a path whose writes the bench does not count)."""
    for body in [None] * count if bodies is None else bodies:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET" if body is None else "POST", path, body=body, headers=headers)
        connection.getresponse().read()
        connection.close()


def load(clients: int, client, out: dict, server: subprocess.Popen, database: str) -> dict:
    """`clients` threads, each `client(index, start, out)`, from half a second on (all of
    them ready before the first request) until the last ends; `out` then holds the
    latencies (ms), the statuses, the wall time and the CPU that each part used meanwhile
    (`cpu_seconds`)."""
    out |= {"latencies": [], "statuses": [], "lock": threading.Lock()}
    before, measured = cpu_seconds(server, database), time.perf_counter()
    start = measured + 0.5
    threads = [
        threading.Thread(target=client, args=(index, start, out)) for index in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out["wall"] = time.perf_counter() - start
    out["cpu"] = cpu_used(before, cpu_seconds(server, database))
    out["cpu"]["cores"] = (os.cpu_count() or 1) * (time.perf_counter() - measured)
    return out


def timed_request(port: int, method: str, path: str, out: dict, body=None, headers=None):
    """One request on a new connection, its latency and status added to `out` (0: no
    answer); returns the response, read, or None."""
    began = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()  # http.client follows no redirect
        response.read()
        connection.close()
    except OSError:
        response = None
    out["latencies"].append((time.perf_counter() - began) * 1000)
    out["statuses"].append(response.status if response else 0)
    return response
