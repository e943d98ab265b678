"""Joining a sitting online: gunicorn on PostgreSQL, a session sitting now with 1,000
approved online participants, and every one of them opening their personal link within
the same minute (the start of a sitting), from 20 concurrent clients. Each opening is
recorded and each participant's attendance once; the answer is the redirect to the
platform, which the clients do not follow (they count the 302). In the same run, the same
load to a bare view that only inserts one row (the floor). Prints the requests, errors,
throughput, median, 95th and 99th percentile latency of both, the CPU a request took in
the workers, PostgreSQL and the clients beside what the whole machine used (more: other
programs were running), and the rows recorded.

    .venv/bin/python bench/join_burst.py [--participants 1000] [--clients 20] [--workers 4]
                                         [--seconds 60]

The openings are spread evenly over --seconds (60: the minute of the brief; the k-th
opening is due at k x 60/1000 s, taken by whichever client is free); --seconds 0 sends
them flat out, each client opening its next link as soon as it has the last answer (the
worst case: 20 at once, all the time).

On 2 cores (runs of 30 November 2026, 4 workers), over the minute: the join median 8.5 ms,
p95 11.4-11.9, p99 13.2-14.6 (the floor 2.7, 3.4-4.5, 5.3-6.1). Flat out, with the
machine to itself: the join 247-280 openings/s, median 69-77 ms, p95 84-102, p99 91-123
(the floor 1,418-1,585/s, median 12, p95 15-20, p99 16-23); no errors, every opening and
attendance recorded. Flat out, the latency is queueing for the CPU, not locks: 20 clients
keep 20 requests in the server, so each waits 20 / throughput (20 / 260 per s = 77 ms),
and the throughput is the 2 cores over the CPU an opening costs: 5.4-6.3 ms in the worker
(the view and open_link's five statements through the ORM, their commit and the
response), 1.2-1.5 ms in PostgreSQL, 0.4 ms in the client, against the floor's 1.2 ms in
all. A check-in costs as much (bench/checkin.py: 6.8 + 1.4 + 0.5 ms). Sampling
pg_stat_activity during a flat-out run shows no lock waits (each opening inserts rows of
its own; the attendance constraint is met by different keys), only the commit's WAL flush
and the worker's own Python. 2, 4 or 8 workers change nothing in what an opening costs
(5.4-6.6 ms in the worker). When other programs share the 2 cores the wait grows with
their share: runs where they took half and two thirds of the machine (15.5 and 27 ms of
it per opening, ours 8.3 and 10) gave 133 and 77 openings/s, p99 192 and 374 ms; the
earlier 231-297 ms were of that kind (the bench did not count CPU then).

Uses (and re-creates) the PostgreSQL database `unmeetings_join_bench` on 127.0.0.1:5432.
"""

import argparse
import os
import time
from collections import Counter
from datetime import timedelta

import serving
from serving import report

DATABASE = "unmeetings_join_bench"
PORT = 8768
PLATFORM = "https://zoom.example.org/j/987654321?pwd=bench"


def prepare(participants: int) -> list[str]:
    """The session running now with a sitting that began a minute ago, its meeting link,
    and `participants` approved online participants. Returns the paths of their personal
    links."""
    serving.setup_django(serving.environment_holding_mail(DATABASE))
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from online import services as online
    from online.models import MeetingLink
    from registration.models import Entity
    from sessions_app.models import Sitting

    session, entities, officer = serving.running_session("hybrid", [Entity.Kind.MEMBER_STATE])
    now = timezone.now()
    Sitting.objects.create(
        session=session,
        title="Bench plenary",
        start=now - timedelta(minutes=1),
        end=now + timedelta(hours=3),
        format="hybrid",
    )
    MeetingLink.objects.create(session=session, platform="zoom", url=PLATFORM)
    paths = serving.approved_participants(
        session,
        entities,
        officer,
        participants,
        "online",
        lambda registered: reverse("online:join", args=[online.join_link(registered).token]),
    )
    connection.close()
    return paths


def burst(paths: list[str], clients: int, seconds: float, server) -> dict:
    """The clients at once, opening `paths` in turn, each once, over `seconds`: the k-th
    at k x seconds/len(paths) after the start or, when late, at once, by whichever client
    is free. What they got back."""
    spacing = seconds / len(paths)

    def client(_index: int, start: float, out: dict) -> None:
        while True:
            with out["lock"]:
                k = out["next"]
                out["next"] += 1
            if k >= len(paths):
                return
            time.sleep(max(0.0, start + k * spacing - time.perf_counter()))
            response = serving.timed_request(
                PORT, "GET", paths[k], out, headers={"User-Agent": "join-burst"}
            )
            with out["lock"]:
                out["to_platform"] += bool(response) and response.getheader("Location") == PLATFORM

    return serving.load(clients, client, {"next": 0, "to_platform": 0}, server, DATABASE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="0: flat out")
    options = parser.parse_args()

    environment = serving.environment_holding_mail(DATABASE)
    serving.recreate_database(environment, DATABASE)
    paths = prepare(options.participants)
    with serving.gunicorn(environment, PORT, options.workers, "/bench/floor/") as server:
        # Every worker connects to the database before timing (the floor's rows are not
        # counted; the app is preloaded).
        serving.warm_up(PORT, "/bench/floor/", {}, options.workers * 10)
        joined = burst(paths, options.clients, options.seconds, server)
        floor = burst(["/bench/floor/"] * len(paths), options.clients, options.seconds, server)

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
