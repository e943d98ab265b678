"""The live display of a list of speakers at scale: an ASGI server (uvicorn by default, as
the README recommends, or Daphne as behind `make run`) serving the application on
PostgreSQL (one process, the in-memory channel layer; --redis --workers N: N processes and
the Redis channel layer, as on several machines), 2,000 displays open at once in one client
process (asyncio, the `websockets` client), spread over the six languages, each signed in;
then the Chair gives the floor 20 times through the API. For each change: the time from the
Chair's request to its answer, to the first display and to the last display that receives
the new speaker; every display must receive every change. Beside it, the reference of the
same run: the same changes with a single display open. Prints the server's memory before
and after the displays connect.

    .venv/bin/python bench/speakers_live.py [--displays 2000] [--changes 20] [--redis]
                                            [--server uvicorn|daphne] [--workers N]

On 2 cores (1 December 2026), every display received every change (40,000 of 40,000) in
each setting, and the last of 2,000 displays got each change within the target (p99 under
one second); the reference (one display) 39-41 ms after the Chair's request:
  uvicorn, 1 process, in memory: to the last display median 222 ms, p99 415 ms; server
    154 -> 307 MB (78 KB a display, half of it the sockets' compression: 37 KB without).
  uvicorn, 2 processes, Redis: median 137 ms, p99 297 ms; 354 -> 427 MB.
  Daphne, 1 process, in memory: median 324 ms, p99 548 ms; 151 -> 228 MB.
2,000 displays connect in 20-26 s (each signs in and gets the floor rendered for it).
Before (30 November), the last display waited 1.4-2.8 s. Two costs grew with the square
of the pages or per page, found with py-spy: Channels' in-memory layer walked every
channel and membership at each page's receive (config/channel_layers.py now does it at
most once a second), and Channels closed old database connections in a thread before
each page's handler, a hop the push does not need (proceedings/consumers.py skips it).
The Redis layer is the publish-subscribe one: the list-based layer queued a copy per page
in one list per process and dropped those beyond its capacity (2,342 of 40,000).

Uses (and re-creates) the PostgreSQL database `unmeetings_speakers_bench` on
127.0.0.1:5432 (and Redis on 127.0.0.1:6379 with --redis).
"""

import argparse
import asyncio
import http.client
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import serving
from serving import percentile

DATABASE = "unmeetings_speakers_bench"
PORT = 8769
LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"]
CONNECTING_AT_ONCE = 100


def prepare(env: dict, speakers: int) -> tuple[str, str, str]:
    """A session sitting now with item 3's list of speakers taken up, `speakers`
    delegations inscribed, an officer's API token and a signed-in display's cookie.
    Returns the token, the session cookie and the path of the Chair's "next" request."""
    serving.setup_django(env)
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone
    from knox.models import AuthToken

    from proceedings import services
    from registration import services as registration
    from registration.models import Entity
    from sessions_app.models import Sitting

    session, entities, officer = serving.running_session("in_person", [Entity.Kind.MEMBER_STATE])
    now = timezone.now()
    Sitting.objects.create(
        session=session,
        title="1st plenary",
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=2),
        agenda_items="3. Promising practices in reducing reoffending.",
    )
    speakers_list = services.open_list(session, 3, officer)
    for entity in entities[:speakers]:
        delegation = registration.delegation_for(session, entity)
        speaker = registration.approve(
            registration.register(
                session,
                entity=entity,
                actor=officer,
                by_officer=True,
                participation_mode="in_person",
                salutation="Ms.",
                given_name="Bench",
                family_name=entity.name,
                email=f"{entity.code.lower()}@example.org",
                delegation=delegation,
            ),
            officer,
        )
        services.inscribe(speakers_list, officer, delegation, speaker, language="en")
    services.take_up(speakers_list, officer)
    _, token = AuthToken.objects.create(user=officer)
    client = Client()
    client.force_login(officer)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return token, cookie, f"/api/v1/sessions/{session.slug}/speakers-lists/3/next/"


def memory_mb(pid: int) -> float:
    """The resident memory of the server's process and of its workers."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0.0
    for each in [pid, *map(int, children)]:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


class Display:
    """One open display: when it received each speaker (by the speaker's id)."""

    def __init__(self, language: str):
        self.language = language
        self.received: dict[str, float] = {}
        self.ready = asyncio.Event()


async def follow(display: Display, cookie: str, slug: str) -> None:
    """Read the display's socket until the run cancels it: when each speaker arrived."""
    import websockets

    uri = f"ws://127.0.0.1:{PORT}/ws/sessions/{slug}/speakers/{display.language}/"
    marker = 'data-speaker="'
    async with websockets.connect(
        uri,
        additional_headers={"Cookie": cookie},
        origin=f"http://127.0.0.1:{PORT}",
        max_queue=None,
        open_timeout=120,
        ping_interval=None,
    ) as socket:
        async for text in socket:
            arrived = time.perf_counter()
            html = json.loads(text)["html"]
            speaker = html.split(marker, 1)[1].split('"', 1)[0] if marker in html else ""
            display.received.setdefault(speaker, arrived)
            display.ready.set()


def give_floor(token: str, path: str) -> tuple[float, float, str]:
    """The Chair's request: when it was sent, when answered, and who now has the floor."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    sent = time.perf_counter()
    connection.request("POST", path, headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    body = json.loads(response.read())
    answered = time.perf_counter()
    if response.status != 200:
        raise SystemExit(f"the Chair's request failed: {response.status} {body}")
    return sent, answered, str(body["current"]["id"] if body.get("current") else "")


async def measure(displays: int, changes: int, token: str, cookie: str, path: str, server):
    """Open the displays, then give the floor `changes` times; the figures of each change."""
    slug = path.split("/")[4]
    opened = [Display(LANGUAGES[n % len(LANGUAGES)]) for n in range(displays)]
    tasks = []
    memory_before = memory_mb(server.pid)
    began = time.perf_counter()
    for start in range(0, displays, CONNECTING_AT_ONCE):
        batch = opened[start : start + CONNECTING_AT_ONCE]
        tasks += [asyncio.ensure_future(follow(d, cookie, slug)) for d in batch]
        await asyncio.wait_for(asyncio.gather(*(d.ready.wait() for d in batch)), 120)
    connected = time.perf_counter() - began
    memory_after = memory_mb(server.pid)
    figures = []
    for _ in range(changes):
        sent, answered, speaker = await asyncio.to_thread(give_floor, token, path)
        deadline = time.perf_counter() + 30
        while any(speaker not in d.received for d in opened) and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)
        arrivals = [d.received.get(speaker) for d in opened]
        missing = arrivals.count(None)
        arrivals = [a for a in arrivals if a is not None]
        figures.append(
            {
                "answer": (answered - sent) * 1000,
                "first": (min(arrivals) - sent) * 1000,
                "last": (max(arrivals) - sent) * 1000,
                "each": [(a - sent) * 1000 for a in arrivals],
                "missing": missing,
            }
        )
        await asyncio.sleep(0.2)  # a Chair does not give the floor twice in a breath
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return figures, connected, memory_before, memory_after


def print_figures(name: str, displays: int, figures: list, connected, before, after) -> None:
    last = [f["last"] for f in figures]
    each = [ms for f in figures for ms in f["each"]]
    missing = sum(f["missing"] for f in figures)
    print(
        f"{name}: {displays} displays connected in {connected:.1f} s   server memory "
        f"{before:.0f} MB before, {after:.0f} MB after "
        f"({(after - before) * 1024 / max(displays, 1):.0f} KB per display)"
    )
    print(
        f"{name}: {len(figures)} changes   missed {missing} of {len(figures) * displays}   "
        f"Chair's answer median {statistics.median(f['answer'] for f in figures):.0f} ms   "
        f"first display median {statistics.median(f['first'] for f in figures):.0f} ms"
    )
    print(
        f"{name}: to the last display   median {statistics.median(last):.0f} ms   "
        f"p99 {percentile(last, 0.99):.0f} ms   max {max(last):.0f} ms   "
        f"(every display: p99 {percentile(each, 0.99):.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--displays", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--redis", action="store_true")
    parser.add_argument("--server", choices=["uvicorn", "daphne"], default="uvicorn")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn's (needs --redis)")
    args = parser.parse_args()
    # The displays' sockets and the server's: one file each.
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4 * args.displays + 1024), hard))
    extra = {"REDIS_URL": "redis://127.0.0.1:6379/9"} if args.redis else {"REDIS_URL": ""}
    env = serving.environment_holding_mail(DATABASE) | extra
    serving.recreate_database(env, DATABASE)
    speakers = 2 * args.changes + 2
    token, cookie, path = prepare(env, speakers)
    from django.db import connections

    connections.close_all()
    command = {
        "daphne": ["-b", "127.0.0.1", "-p", str(PORT), "-v", "0"],
        "uvicorn": [
            *("--host", "127.0.0.1", "--port", str(PORT)),
            *("--log-level", "warning", "--workers", str(args.workers)),
        ],
    }[args.server]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / args.server), *command, "config.asgi:application"],
        cwd=serving.ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
                connection.request("GET", "/")
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        layer = "Redis" if args.redis else "in memory"
        print(
            f"{args.server}, {args.workers} process(es), channel layer {layer}, "
            f"PostgreSQL; {os.cpu_count()} cores"
        )
        reference = asyncio.run(measure(1, args.changes, token, cookie, path, server))
        print_figures("reference, 1 display", 1, *reference)
        figures = asyncio.run(measure(args.displays, args.changes, token, cookie, path, server))
        print_figures(f"{args.displays} displays", args.displays, *figures)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
