"""Check-in at the gates: gunicorn on PostgreSQL, a session running today with 2,000
approved in-person participants and their badges, and 20 scanners each scanning a
different badge once a second through the REST API (POST /api/v1/checkins/ with the gate
and the device). About one scan in ten is of a badge already scanned that day (someone
who went out and comes back). Prints the requests, errors, throughput, median, 95th and
99th percentile latency, the CPU a request took (workers, PostgreSQL, scanners, beside the
whole machine), and the check-ins recorded, which must equal the distinct badges scanned.

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
import json
import os
import random
import time
from collections import Counter

import serving
from serving import report

DATABASE = "unmeetings_checkin_bench"
PORT = 8767
REPEAT_EVERY = 10  # one scan in ten is of a badge this scanner already scanned today


def prepare(participants: int) -> tuple[str, list[str]]:
    """The session running today with `participants` approved in-person participants and
    their badges, and a conference officer's API token. Returns the token and the badges'
    codes."""
    serving.setup_django(serving.environment_holding_mail(DATABASE))
    from django.db import connection
    from knox.models import AuthToken

    from badges import services as badges
    from registration.models import Entity

    kinds = [Entity.Kind.MEMBER_STATE] * 8 + [Entity.Kind.NGO, Entity.Kind.IGO]
    session, entities, officer = serving.running_session("in_person", kinds)
    _, token = AuthToken.objects.create(user=officer)
    codes = serving.approved_participants(
        session,
        entities,
        officer,
        participants,
        "in_person",
        lambda registered: badges.issue_badge(registered, officer).code,
    )
    connection.close()
    return token, codes


def scan(
    path: str,
    codes: list[str],
    options,
    headers: dict,
    server,
    port: int | None = None,
    database: str | None = None,
    payload=None,
) -> dict:
    """The scanners at work for the set time, posting to `path`, each once a second until
    the time is up: a new badge of its share each time, but one scan in ten of a badge it
    already scanned. What they got back. The peer bench sends the same scans to another
    server: its `port`, its `database` (for the CPU figures) and its `payload(index, code)`
    (the body of scanner `index` scanning `code`; ours unless given)."""

    def ours(index: int, code: str) -> bytes:
        body = {"gate": f"Gate {index % 4 + 1}", "device": f"scanner-{index:02d}"}
        return json.dumps(body | {"code": code}).encode()

    def scanner(index: int, start: float, out: dict) -> None:
        chance = random.Random(index)
        fresh, scanned = iter(codes[index :: options.scanners]), []
        phase = 0 if options.together else index / options.scanners
        tick = 0
        while phase + tick < options.seconds:
            time.sleep(max(0.0, start + phase + tick - time.perf_counter()))
            code = None if tick % REPEAT_EVERY == REPEAT_EVERY - 1 else next(fresh, None)
            if code is None:
                code = chance.choice(scanned)
            else:
                scanned.append(code)
            body = (payload or ours)(index, code)
            serving.timed_request(port or PORT, "POST", path, out, body=body, headers=headers)
            out["badges"].add(code)
            tick += 1

    return serving.load(options.scanners, scanner, {"badges": set()}, server, database or DATABASE)


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

    environment = serving.environment_holding_mail(DATABASE)
    serving.recreate_database(environment, DATABASE)
    token, codes = prepare(options.participants)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with serving.gunicorn(
        environment, PORT, options.workers, "/api/v1/sessions/bench/badge-key/"
    ) as server:
        serving.warm_up(
            PORT, "/api/v1/sessions/bench/revoked-badges/", headers, options.workers * 10
        )
        checked = scan("/api/v1/checkins/", codes, options, headers, server)
        floor = scan("/bench/floor/", codes, options, {}, server) if options.floor else None

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
