"""Check-in at the gates: gunicorn on PostgreSQL, a session running today with 2,000
approved in-person participants and their badges, and 20 scanners each scanning a
different badge once a second through the REST API (POST /api/v1/checkins/ with the gate
and the device). About one scan in ten is of a badge already scanned that day (someone
who went out and comes back). Prints the requests, errors, throughput, median, 95th and
99th percentile latency, and the check-ins recorded, which must equal the distinct badges
scanned.

    .venv/bin/python bench/checkin.py [--seconds 30] [--scanners 20] [--participants 2000]
                                      [--workers 4] [--together] [--floor] [--profile N]

Scanners are paced: each sends a scan, then sleeps until its next second. Their seconds
are spread evenly over the second (independent gates); --together starts them all on the
same instant (the worst case: 20 scans at once, every second). --floor then sends the
same load to a bare view that only inserts one row (what any request costs here). After
the run, --profile N profiles N more check-ins in this process (cProfile, through the API
with the officer's token, on the same database) and prints the costliest functions
(cumulative, then in themselves) and the queries of one check-in.

Uses (and re-creates) the PostgreSQL database `unmeetings_checkin_bench` on
127.0.0.1:5432.
"""

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import serving
from serving import report

DATABASE = "unmeetings_checkin_bench"
PORT = 8767
REPEAT_EVERY = 10  # one scan in ten is of a badge this scanner already scanned today
MAIL_DIR = Path(tempfile.gettempdir()) / "unmeetings-checkin-bench-mail"


def environment() -> dict:
    # Registering and approving 2,000 participants queues their mail; an in-memory broker
    # keeps it (no worker runs), so that set-up neither sends nor renders it.
    return serving.environment(
        DATABASE, BENCH_MAIL_DIR=str(MAIL_DIR), CELERY_BROKER_URL="memory://"
    )


def prepare(participants: int) -> tuple[str, list[str]]:
    """A session running today in Vienna with `participants` approved in-person
    registrations and their badges, made through the services (set-up, not measured), and
    a conference officer's API token. Returns the token and the badges' codes."""
    serving.setup_django(environment())
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone
    from knox.models import AuthToken

    from accounts.roles import CONFERENCE_OFFICERS
    from badges import services as badges
    from registration import services as registration
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
        format="in_person",
        languages=["en"],
    )
    kinds = [Entity.Kind.MEMBER_STATE] * 8 + [Entity.Kind.NGO, Entity.Kind.IGO]
    entities = Entity.objects.bulk_create(
        Entity(kind=kinds[n % len(kinds)], name=f"Benchland {n}", code=f"B{n:02d}")
        for n in range(60)
    )
    officer = get_user_model().objects.create_user("officer@example.org", "officer@example.org")
    officer.groups.add(Group.objects.get(name=CONFERENCE_OFFICERS))
    _, token = AuthToken.objects.create(user=officer)
    with connection.cursor() as cursor:  # for bench/urls.py's floor view
        cursor.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, note text)")

    began = time.perf_counter()
    codes = []
    with transaction.atomic():  # one commit for the lot: set-up, not measured
        for n in range(participants):
            registered = registration.register(
                session,
                entity=entities[n % len(entities)],
                actor=officer,
                by_officer=True,
                participation_mode="in_person",
                salutation="Ms.",
                given_name="Bench",
                family_name=f"Participant {n}",
                email=f"participant{n}@example.org",
            )
            registration.approve(registered, officer)
            codes.append(badges.issue_badge(registered, officer).code)
    print(
        f"set-up: {participants} participants approved, badges issued in "
        f"{time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    connection.close()
    return token, codes


def scanner(index: int, codes: list[str], options, headers: dict, start: float, out: dict) -> None:
    """Scan once a second until the time is up: a new badge of this scanner's share each
    time, but one scan in ten of a badge it already scanned."""
    chance = random.Random(index)
    body = {"gate": f"Gate {index % 4 + 1}", "device": f"scanner-{index:02d}"}
    fresh, scanned = iter(codes), []
    phase = 0 if options.together else index / options.scanners
    tick = 0
    while start + phase + tick < start + options.seconds:
        time.sleep(max(0.0, start + phase + tick - time.perf_counter()))
        code = None if tick % REPEAT_EVERY == REPEAT_EVERY - 1 else next(fresh, None)
        if code is None:
            code = chance.choice(scanned)
        else:
            scanned.append(code)
        payload = json.dumps(body | {"code": code}).encode()
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            connection.request("POST", out["path"], body=payload, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            status = response.status
        except OSError:
            status = 0
        out["latencies"].append((time.perf_counter() - began) * 1000)
        out["statuses"].append(status)
        out["badges"].add(code)
        tick += 1


def scan(path: str, codes: list[str], options, headers: dict) -> dict:
    """The scanners at work for the set time, posting to `path`: what they got back."""
    out = {"path": path, "latencies": [], "statuses": [], "badges": set()}
    shares = [codes[index :: options.scanners] for index in range(options.scanners)]
    start = time.perf_counter() + 0.5
    threads = [
        threading.Thread(target=scanner, args=(index, shares[index], options, headers, start, out))
        for index in range(options.scanners)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out["wall"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--together", action="store_true", help="all scanners on the second")
    parser.add_argument("--floor", action="store_true", help="then the same load to the floor")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    options = parser.parse_args()

    serving.recreate_database(environment(), DATABASE)
    token, codes = prepare(options.participants)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with serving.gunicorn(
        environment(), PORT, options.workers, "/api/v1/sessions/bench/badge-key/"
    ):
        serving.warm_up(
            PORT, "/api/v1/sessions/bench/revoked-badges/", headers, options.workers * 10
        )
        checked = scan("/api/v1/checkins/", codes, options, headers)
        floor = scan("/bench/floor/", codes, options, {}) if options.floor else None

    from badges.models import CheckIn

    statuses = Counter(checked["statuses"])
    recorded, distinct = CheckIn.objects.count(), len(checked["badges"])
    phases = "on the same instant" if options.together else "spread over the second"
    print(
        f"{options.scanners} scanners x 1 scan/s for {options.seconds} s ({phases}), "
        f"{options.participants} badges, gunicorn {options.workers} workers, PostgreSQL, "
        f"{os.cpu_count()} cores"
    )
    report("check-in", checked)
    print(f"check-in: admitted {statuses[201]}, already checked in {statuses[200]}")
    verdict = "as expected" if recorded == distinct else "MISMATCH"
    print(f"check-ins recorded {recorded}, distinct badges scanned {distinct}: {verdict}")
    if floor:
        report("floor (a bare view inserting one row)", floor)
    if options.profile:
        profile(codes[-options.profile - 1 :], token)


def profile(codes: list[str], token: str) -> None:
    """cProfile of check-ins of these badges (all but the last) through the API, with the
    officer's token, in this process, on the same database; then the queries of the
    last one."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    client = APIClient(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    client.get("/api/v1/sessions/bench/revoked-badges/")  # imports, connects
    profiler = cProfile.Profile()
    profiler.enable()
    for code in codes[:-1]:
        client.post("/api/v1/checkins/", {"code": code, "gate": "G", "device": "d"}, "json")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    with CaptureQueriesContext(connection) as queries:
        client.post("/api/v1/checkins/", {"code": codes[-1], "gate": "G", "device": "d"}, "json")
    print(f"queries of one check-in: {len(queries)}")
    for query in queries:
        print("  ", query["sql"][:160])


if __name__ == "__main__":
    main()
