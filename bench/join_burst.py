"""Joining a sitting online: gunicorn on PostgreSQL, a session sitting now with 1,000
approved online participants, and every one of them opening their personal link within
the same minute (the start of a sitting), from 20 concurrent clients. Each opening is
recorded and each participant's attendance once; the answer is the redirect to the
platform, which the clients do not follow (they count the 302). In the same run, the same
load to a bare view that only inserts one row (the floor). Prints the requests, errors,
throughput, median, 95th and 99th percentile latency of both, and the rows recorded.

    .venv/bin/python bench/join_burst.py [--participants 1000] [--clients 20] [--workers 4]
                                         [--seconds 60]

The openings are spread evenly over --seconds (60: the minute of the brief; the k-th
opening is due at k x 60/1000 s, taken by whichever client is free); --seconds 0 sends
them flat out, each client opening its next link as soon as it has the last answer (the
worst case: 20 at once, all the time).

Uses (and re-creates) the PostgreSQL database `unmeetings_join_bench` on 127.0.0.1:5432.
"""

import argparse
import http.client
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import serving
from serving import report

DATABASE = "unmeetings_join_bench"
PORT = 8768
MAIL_DIR = Path(tempfile.gettempdir()) / "unmeetings-join-bench-mail"
PLATFORM = "https://zoom.example.org/j/987654321?pwd=bench"


def environment() -> dict:
    # Approving 1,000 participants queues their mail; an in-memory broker keeps it (no
    # worker runs), so that set-up neither sends nor renders it.
    return serving.environment(
        DATABASE, BENCH_MAIL_DIR=str(MAIL_DIR), CELERY_BROKER_URL="memory://"
    )


def prepare(participants: int) -> list[str]:
    """A hybrid session with a sitting that began a minute ago, its meeting link, and
    `participants` approved online registrations made through the services (set-up, not
    measured). Returns the paths of their personal links."""
    serving.setup_django(environment())
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.roles import CONFERENCE_OFFICERS
    from online import links
    from online import services as online
    from online.models import MeetingLink
    from registration import services as registration
    from registration.models import Entity
    from sessions_app.models import Series, Session, Sitting

    now = timezone.now()
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
        format="hybrid",
        languages=["en"],
    )
    Sitting.objects.create(
        session=session,
        title="Bench plenary",
        start=now - timedelta(minutes=1),
        end=now + timedelta(hours=3),
        format="hybrid",
    )
    MeetingLink.objects.create(session=session, platform="zoom", url=PLATFORM)
    entities = Entity.objects.bulk_create(
        Entity(kind=Entity.Kind.MEMBER_STATE, name=f"Benchland {n}", code=f"B{n:02d}")
        for n in range(60)
    )
    officer = get_user_model().objects.create_user("officer@example.org", "officer@example.org")
    officer.groups.add(Group.objects.get(name=CONFERENCE_OFFICERS))
    with connection.cursor() as cursor:  # for bench/urls.py's floor view
        cursor.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, note text)")

    began = time.perf_counter()
    paths = []
    with transaction.atomic():  # one commit for the lot: set-up, not measured
        for n in range(participants):
            registered = registration.register(
                session,
                entity=entities[n % len(entities)],
                actor=officer,
                by_officer=True,
                participation_mode="online",
                salutation="Ms.",
                given_name="Bench",
                family_name=f"Participant {n}",
                email=f"participant{n}@example.org",
            )
            registration.approve(registered, officer)
            paths.append(links.path(online.join_link(registered).salt))
    print(
        f"set-up: {participants} online participants approved, links made in "
        f"{time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    connection.close()
    return paths


def client(paths, start: float, spacing: float, out: dict) -> None:
    """Open the next link due, each once, until there are none; each at its time (k x
    spacing after the start) or, when late, at once."""
    while True:
        with out["lock"]:
            k = out["next"]
            out["next"] += 1
        if k >= len(paths):
            return
        time.sleep(max(0.0, start + k * spacing - time.perf_counter()))
        path = paths[k]
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            connection.request("GET", path, headers={"User-Agent": "join-burst"})
            response = connection.getresponse()  # http.client follows no redirect
            response.read()
            connection.close()
            status, location = response.status, response.getheader("Location", "")
        except OSError:
            status, location = 0, ""
        out["latencies"].append((time.perf_counter() - began) * 1000)
        out["statuses"].append(status)
        out["to_platform"] += location == PLATFORM


def burst(paths: list[str], clients: int, seconds: float) -> dict:
    """The clients at once, opening `paths` in turn over `seconds`: what they got back."""
    out = {"latencies": [], "statuses": [], "to_platform": 0, "next": 0}
    out["lock"] = threading.Lock()
    start = time.perf_counter() + 0.5
    spacing = seconds / len(paths)
    threads = [
        threading.Thread(target=client, args=(paths, start, spacing, out))
        for _index in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out["wall"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="0: flat out")
    options = parser.parse_args()

    serving.recreate_database(environment(), DATABASE)
    paths = prepare(options.participants)
    with serving.gunicorn(environment(), PORT, options.workers, "/bench/floor/"):
        # Every worker connects to the database before timing (the floor's rows are not
        # counted; the app is preloaded).
        serving.warm_up(PORT, "/bench/floor/", {}, options.workers * 10)
        joined = burst(paths, options.clients, options.seconds)
        floor = burst(["/bench/floor/"] * len(paths), options.clients, options.seconds)

    from online.models import JoinOpening, OnlineAttendance

    statuses = Counter(joined["statuses"])
    openings, attended = JoinOpening.objects.count(), OnlineAttendance.objects.count()
    print(
        f"{options.participants} online participants each opening their link once, "
        f"{options.clients} concurrent clients, "
        + (f"over {options.seconds:g} s" if options.seconds else "flat out")
        + f", gunicorn {options.workers} workers, "
        f"PostgreSQL, {os.cpu_count()} cores"
    )
    report("join", joined)
    print(
        f"join: 302 to the platform {joined['to_platform']}, statuses "
        + ", ".join(f"{status} x{count}" for status, count in sorted(statuses.items()))
    )
    expected = len(joined["latencies"])
    verdict = (
        "as expected"
        if openings == expected
        and attended == options.participants
        and joined["to_platform"] == expected
        else "MISMATCH"
    )
    print(
        f"openings recorded {openings} (requests {expected}), online attendance "
        f"{attended} (participants {options.participants}): {verdict}"
    )
    report("floor (a bare view inserting one row)", floor)


if __name__ == "__main__":
    main()
