"""Our system beside pretix (2026.8.0, from the package index, in its own virtual
environment under var/peers): the same loads, sent by the same client code, to both, on the
same machine, in turns (ours, pretix, ours, pretix... for --rounds), then the figures side
by side.

- Registration burst: registration_burst.burst, 500 requests from 20 clients, gunicorn 4
  workers on PostgreSQL, each worker warmed up first. Ours: the REST API's registrations of
  a session with 300 in-person seats (the surplus is waitlisted; mail queued on Redis, as
  registration_burst.py runs it; --our-mail inside sends it in the request). pretix: orders
  of one free ticket through its REST API to an event whose quota is 300 (the surplus is
  refused, 400), `send_email` left to the event (a web order is mailed), no Celery broker:
  the mail is rendered and sent to an SMTP sink inside the request.
  The floor (bench/urls.py's bare view inserting a row) is measured on our server in the
  same round; pretix's share is of that same number.
- Check-in: checkin.scan, 20 scanners once a second for 30 s, spread over the second, then
  all on the same instant, one scan in ten a repeat; 2,000 participants (ours: approved,
  with badges; pretix: paid orders) and their codes; pretix through
  /api/v1/organizers/{o}/checkinrpc/redeem/ (what pretixSCAN calls) on the event's default
  check-in list, which refuses a repeat (400, already redeemed) where ours answers 200.
- Badges: the same 1,000 people's Latin names and portraits: pretix's badge plugin export
  (default layout: the name; and a copy with the photo) against our render_badges (our
  full A6 badge with and without the photo), each in a child process of its own.

    .venv/bin/python bench/peers/pretix.py [--rounds 2] [--requests 500] [--clients 20]
        [--seats 300] [--workers 4] [--participants 2000] [--seconds 30] [--scanners 20]
        [--badges 1000] [--badge-runs 2] [--our-mail queued|inside] [--skip-badges]
        [--reprint]

The raw figures of the last run are kept in var/peers/last-results.json (--reprint prints
its table again).

Uses (and re-creates) the PostgreSQL databases unmeetings_bench, unmeetings_checkin_bench
and pretix_bench (and keeps pretix_bench_migrated_<version>, a migrated copy to clone),
Redis databases 15 (ours) and 13 (pretix), ports 8765, 8767, 8791 and 8794.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

PEERS = Path(__file__).resolve().parent
sys.path.insert(0, str(PEERS.parent))
sys.path.insert(0, str(PEERS))

import checkin  # noqa: E402
import pretix_server  # noqa: E402
import registration_burst  # noqa: E402
import report  # noqa: E402
import serving  # noqa: E402

BADGE_DATA = serving.ROOT / "var" / "peers" / "badges"
RESULTS = serving.ROOT / "var" / "peers" / "last-results.json"  # the raw figures of a run


def ours(command: str, *arguments, env: dict | None = None) -> dict:
    """A command of ours.py in a child process of our own Python; its JSON."""
    done = subprocess.run(
        [sys.executable, str(PEERS / "ours.py"), command, *map(str, arguments)],
        cwd=serving.ROOT,
        env=env or os.environ,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def scan_options(options, together: bool) -> SimpleNamespace:
    return SimpleNamespace(scanners=options.scanners, seconds=options.seconds, together=together)


def check_ins(options, codes: list[str], scan) -> dict:
    """Paced scans of the first half of the codes, then simultaneous ones of the other half
    (each badge's first scan admits it)."""
    half = len(codes) // 2
    return {
        "paced": scan(codes[:half], scan_options(options, together=False)),
        "together": scan(codes[half:], scan_options(options, together=True)),
    }


def our_round(options) -> dict:
    """Our registration burst and floor, then our check-ins, as our benches run them."""
    registration_burst.BROKER = "" if options.our_mail == "inside" else registration_burst.BROKER
    made = ours("burst", options.seats)
    environment = registration_burst.environment()
    shutil.rmtree(registration_burst.MAIL_DIR, ignore_errors=True)
    flush_broker()
    headers = {"Authorization": f"Bearer {made['token']}", "Content-Type": "application/json"}
    port = registration_burst.PORT
    with serving.gunicorn(environment, port, options.workers):
        serving.warm_up(
            port,
            "/api/v1/sessions/warm-up/registrations/",
            headers,
            bodies=registration_burst.registrations(made["entity"], options.workers * 10, "w"),
        )
        serving.warm_up(port, "/bench/floor/", {}, bodies=[b""] * options.workers * 10)
        bodies = registration_burst.registrations(made["entity"], options.requests, "delegate")
        burst = registration_burst.burst(
            "/api/v1/sessions/bench/registrations/", bodies, options.clients, headers
        )
        floor = registration_burst.burst(
            "/bench/floor/", [b""] * options.requests, options.clients, {}
        )
    flush_broker()  # the queued mail is not delivered here: no worker takes the cores
    burst["outcome"] = our_seats()

    made = ours("gate", options.participants)
    headers = {"Authorization": f"Bearer {made['token']}", "Content-Type": "application/json"}
    environment = serving.environment_holding_mail(checkin.DATABASE)
    ready = "/api/v1/sessions/bench/badge-key/"
    with serving.gunicorn(environment, checkin.PORT, options.workers, ready) as server:
        serving.warm_up(
            checkin.PORT, "/api/v1/sessions/bench/revoked-badges/", headers, options.workers * 10
        )
        scans = check_ins(
            options,
            made["codes"],
            lambda codes, paced: checkin.scan("/api/v1/checkins/", codes, paced, headers, server),
        )
    recorded = count(checkin.DATABASE, "SELECT count(*) FROM badges_checkin")
    return {"burst": burst, "floor": floor, "scans": scans, "recorded": recorded}


def pretix_round(options, base: dict, number: int) -> dict:
    """The same loads to pretix: orders through its API, then check-in scans."""
    made = pretix_server.side(
        "setup_event.py", "round", number, options.participants, options.seats
    )
    organizer = base["organizer"]
    headers = {"Authorization": f"Token {base['token']}", "Content-Type": "application/json"}
    port = pretix_server.PORT

    def orders(event: str, item: int, count: int, prefix: str) -> tuple[str, list[bytes]]:
        path = f"/api/v1/organizers/{organizer}/events/{event}/orders/"
        return path, [order(item, n, prefix) for n in range(count)]

    lists, event = [made["gate"][1]], made["gate"][0]

    def redeem(index: int, code: str) -> bytes:
        return json.dumps({"lists": lists, "secret": code, "source_type": "barcode"}).encode()

    with pretix_server.smtp_sink() as mails, pretix_server.gunicorn(options.workers) as server:
        path, bodies = orders(*base["warm_up"], options.workers * 10, f"w{number}-")
        serving.warm_up(port, path, headers, bodies=bodies)
        warmed_mails = mails()
        path, bodies = orders(*made["burst"], options.requests, f"delegate{number}-")
        burst = registration_burst.burst(path, bodies, options.clients, headers, port=port)
        burst["mails"] = mails() - warmed_mails
        serving.warm_up(
            port, f"/api/v1/organizers/{organizer}/events/{event}/checkinlists/", headers, 40
        )
        redeem_path = f"/api/v1/organizers/{organizer}/checkinrpc/redeem/"
        scans = check_ins(
            options,
            made["secrets"],
            lambda codes, paced: checkin.scan(
                redeem_path,
                codes,
                paced,
                headers,
                server,
                port=port,
                database=pretix_server.DATABASE,
                payload=redeem,
            ),
        )
    burst["outcome"] = f"{burst['statuses'][201]} ordered, {burst['statuses'][400]} refused"
    recorded = count(
        pretix_server.DATABASE,
        "SELECT count(*) FROM pretixbase_checkin WHERE successful AND list_id = %s",
        lists,
    )
    return {"burst": burst, "scans": scans, "recorded": recorded}


def order(item: int, n: int, prefix: str) -> bytes:
    """An order of one free ticket, as registration_burst.registrations registers one
    person: a name and an address; the event decides whether it is mailed (a web order
    is)."""
    return json.dumps(
        {
            "email": f"{prefix}{n}@example.org",
            "locale": "en",
            "sales_channel": "web",
            "payment_provider": "free",
            "send_email": None,
            "positions": [
                {
                    "item": item,
                    "attendee_name_parts": {"given_name": "Bench", "family_name": f"Delegate {n}"},
                }
            ],
        }
    ).encode()


def flush_broker() -> None:
    if registration_burst.BROKER:
        import redis

        redis.Redis.from_url(registration_burst.BROKER).flushdb()


def query(database: str, sql: str, parameters=()) -> list:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}") as connection:
        return connection.execute(sql, parameters).fetchall()


def count(database: str, sql: str, parameters=()) -> int:
    return query(database, sql, parameters)[0][0]


def our_seats() -> str:
    """What our burst made of the session's registrations (the surplus waitlisted)."""
    rows = dict(
        query(
            registration_burst.DATABASE,
            "SELECT r.state, count(*) FROM registration_registration r "
            "JOIN sessions_app_session s ON s.id = r.session_id WHERE s.slug = 'bench' "
            "GROUP BY r.state",
        )
    )
    waitlisted = rows.pop("waitlisted", 0)
    return f"{sum(rows.values())} registered, {waitlisted} waitlisted"


def badges(options, badge_event: dict) -> dict:
    """Each side's renderer in a child process of its own, for the same people."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE")}
    made = {"ours": ours("badges", BADGE_DATA, options.badge_runs, env=env | {"DEBUG": "1"})}
    layouts = badge_event["layouts"]
    made["pretix"] = pretix_server.side(
        "render_badges.py",
        badge_event["event"],
        str(badge_event["item"]),
        str(layouts["names"]),
        str(layouts["photo"]),
        str(options.badge_runs),
    )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--badge-runs", type=int, default=2)
    parser.add_argument("--our-mail", choices=("queued", "inside"), default="queued")
    parser.add_argument("--skip-badges", action="store_true")
    parser.add_argument("--reprint", action="store_true", help="the last run's table again")
    options = parser.parse_args()
    if options.reprint:
        last = json.loads(RESULTS.read_text())
        options = SimpleNamespace(**last["options"])
        report.print_table(options, last["rounds"], last["badges"], 0)
        return

    began = time.perf_counter()
    install = pretix_server.install()
    migrated = pretix_server.recreate_database()
    base = pretix_server.side("setup_event.py", "base")
    badge_event = None
    if not options.skip_badges:
        ours("people", BADGE_DATA, options.badges)
        badge_event = pretix_server.side("setup_event.py", "badges", str(BADGE_DATA))
    print(
        f"set-up: pretix {pretix_server.VERSION} "
        + (f"installed in {install:.0f} s" if install else "already installed")
        + f", database ready in {migrated:.0f} s",
        file=sys.stderr,
    )
    rounds = {"ours": [], "pretix": []}
    for number in range(1, options.rounds + 1):
        print(f"round {number}: ours", file=sys.stderr)
        rounds["ours"].append(our_round(options))
        print(f"round {number}: pretix", file=sys.stderr)
        rounds["pretix"].append(pretix_round(options, base, number))
    rendered = badges(options, badge_event) if badge_event else None
    RESULTS.write_text(
        json.dumps(
            {"options": vars(options), "rounds": rounds, "badges": rendered},
            default=lambda value: sorted(value) if isinstance(value, set) else None,
        )
    )
    report.print_table(options, rounds, rendered, time.perf_counter() - began)


if __name__ == "__main__":
    main()
