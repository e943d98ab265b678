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
    from django.utils import timezone

    from online import links
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
        lambda registered: links.path(online.join_link(registered).salt),
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
