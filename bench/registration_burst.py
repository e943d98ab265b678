"""Registration under a burst: gunicorn on PostgreSQL, 500 registrations from 20 concurrent
clients for a session with fewer in-person seats than that, through the REST API (a focal
point registering the members of a delegation). In the same run, the same load to a bare
view that only inserts one row (the floor). Prints throughput, median and 99th-percentile
latency for both, and the seats taken. Then, for reference, the same load to a DRF view that
authenticates the token and inserts one row, and to one that also queues a Celery task:
what the API's own parts cost before any rule of registration.

    .venv/bin/python bench/registration_burst.py [--requests 500] [--clients 20] [--seats 300]

Uses (and re-creates) the PostgreSQL database `unmeetings_bench` on 127.0.0.1:5432.
"""

import argparse
import collections
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import serving
from serving import ROOT, percentile

DATABASE = "unmeetings_bench"
PORT = 8765
FLOOR = "floor (insert one row)"


# As in production, mail goes through a broker to a Celery worker. The worker starts after
# both bursts, so that it takes no CPU from either on this small machine; the bench then
# waits for it to deliver every mail and prints how long that took. BENCH_BROKER="" sends
# the mail inside each request instead (eager tasks, as in development).
BROKER = os.environ.get("BENCH_BROKER", "redis://127.0.0.1:6379/15")
MAIL_DIR = ROOT / "var" / "bench-mail"


def environment() -> dict:
    # One focal point registers the whole burst: lift the per-user rate limit.
    return serving.environment(
        DATABASE,
        CELERY_BROKER_URL=BROKER,
        BENCH_MAIL_DIR=str(MAIL_DIR),
        REGISTRATION_RATE="100000/m",
    )


def prepare(seats: int, env: dict | None = None) -> tuple[str, int]:
    """The session `bench` with `seats` in-person places, and `warm-up` with places for
    all; the entity's delegation to both, and their focal point's token."""
    serving.setup_django(env or environment())
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from knox.models import AuthToken

    from registration.models import Entity
    from registration.services import delegation_for
    from sessions_app.models import Series, Session

    series = Series.objects.create(name="Bench", short_name="Bench", slug="bench")
    entity = Entity.objects.create(kind="member_state", name="Benchland", code="BNL")
    focal_point = get_user_model().objects.create_user("fp@example.org", "fp@example.org")
    for slug, places in (("bench", seats), ("warm-up", 100_000)):
        session = Session.objects.create(
            series=series,
            title=f"Bench session {slug}",
            short_name="Bench",
            slug=slug,
            start_date="2030-01-07",
            end_date="2030-01-11",
            format="hybrid",
            in_person_capacity=places,
            languages=["en"],
            registration_opens=timezone.now() - timedelta(days=1),
            registration_closes=timezone.now() + timedelta(days=1),
        )
        delegation_for(session, entity).focal_points.add(focal_point)
    _, token = AuthToken.objects.create(user=focal_point)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, note text)")
    connection.close()
    return token, entity.pk


def registrations(entity_id: int, count: int, prefix: str) -> list[bytes]:
    return [
        json.dumps(
            {
                "entity": entity_id,
                "participation_mode": "in_person",
                "salutation": "Ms.",
                "given_name": "Bench",
                "family_name": f"Delegate {n}",
                "email": f"{prefix}{n}@example.org",
            }
        ).encode()
        for n in range(count)
    ]


def burst(
    path: str, bodies: list[bytes], clients: int, headers: dict, port: int | None = None
) -> dict:
    """`clients` clients posting `bodies` to `path` on `port` (PORT unless given: the peer
    bench sends the same burst to pretix), each on one connection, as fast as answered."""
    latencies, statuses, lock = [], [], threading.Lock()
    queue = list(enumerate(bodies))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port or PORT, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                _, body = queue.pop()
            began = time.perf_counter()
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses.append(response.status)
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "throughput": len(bodies) / wall,
        "median": statistics.median(latencies) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": sum(1 for status in statuses if status >= 400),
        "n": len(statuses),
        "statuses": collections.Counter(statuses),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    serving.recreate_database(environment(), DATABASE)
    shutil.rmtree(MAIL_DIR, ignore_errors=True)
    if BROKER:
        import redis

        redis.Redis.from_url(BROKER).flushdb()
    token, entity_id = prepare(options.seats)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    warm_ups = options.workers * 10
    with serving.gunicorn(environment(), PORT, options.workers):
        # Every worker registers a few in another session first (the first requests import
        # views, DRF, Celery's producer, templates), so that each burst times steady work.
        serving.warm_up(
            PORT,
            "/api/v1/sessions/warm-up/registrations/",
            headers,
            bodies=registrations(entity_id, warm_ups, "warm-up"),
        )
        serving.warm_up(PORT, "/bench/framework-and-task/", headers, bodies=[b""] * warm_ups)
        empty = [b""] * options.requests
        results = {
            "registration": burst(
                "/api/v1/sessions/bench/registrations/",
                registrations(entity_id, options.requests, "delegate"),
                options.clients,
                headers,
            ),
            FLOOR: burst("/bench/floor/", empty, options.clients, {}),
            # Not part of the target: what the API's parts cost before any rule.
            "DRF + token + one row": burst("/bench/framework/", empty, options.clients, headers),
            "  + one task queued": burst(
                "/bench/framework-and-task/", empty, options.clients, headers
            ),
        }
    delivery = deliver_mail(options.requests + warm_ups) if BROKER else None

    from registration.models import Registration

    timed = Registration.objects.filter(session__slug="bench")
    taken = timed.filter(state__in=Registration.SEAT_STATES).count()
    waitlisted = timed.filter(state=Registration.State.WAITLISTED).count()
    print(
        f"{options.requests} requests from {options.clients} clients, gunicorn "
        f"{options.workers} workers, PostgreSQL, {os.cpu_count()} cores"
    )
    floor = results[FLOOR]["throughput"]
    for name, result in results.items():
        print(
            f"{name:<24} {result['throughput']:7.1f} req/s ({result['throughput'] / floor:4.0%}) "
            f"  median {result['median']:6.1f} ms   p99 {result['p99']:6.1f} ms   "
            f"errors {result['errors']}/{result['n']}"
        )
    share = results["registration"]["throughput"] / floor
    print(f"registration throughput is {share:.0%} of the floor's")
    print(f"seats: {options.seats}, taken {taken}, waitlisted {waitlisted}")
    if delivery:
        print(
            "mail: {mails} sent by a Celery worker (2 processes) in {seconds:.1f} s after the "
            "bursts "
            "({per_second:.0f}/s)".format(**delivery)
        )
    else:
        print("mail: sent inside each request (no broker)")


def mails_sent() -> int:
    """Messages in the file backend's files (a file may hold several)."""
    return sum(path.read_bytes().count(b"\nMessage-ID: ") for path in MAIL_DIR.glob("*"))


def deliver_mail(expected: int) -> dict:
    """Start a Celery worker, wait until it has sent the expected mails, stop it."""
    began = time.perf_counter()
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "-c",
            "2",
            "--loglevel",
            "warning",
        ],
        cwd=ROOT,
        env=environment(),
    )
    try:  # every registration mails its participant (the focal point registered them all)
        while mails_sent() < expected and time.perf_counter() - began < 300:
            time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait()
    seconds = time.perf_counter() - began
    mails = mails_sent()
    return {"mails": mails, "seconds": seconds, "per_second": mails / seconds}


if __name__ == "__main__":
    main()
