"""Faults under load: gunicorn on PostgreSQL, a Celery worker and beat, a broker (Redis) and
a mail server (an SMTP sink) of the bench's own. 500 registrations from 20 clients through
the REST API; as the burst starts the broker is stopped for 10 s (it comes back empty: it
keeps nothing on disk) and the mail server refuses every mail for 10 s. Prints the answers
(none may be 500), the mails delivered (each registration's exactly once) and the time from
the recovery to the last mail. The reference in the same run: the same burst with nothing
failing, and the time from its end to its last mail.

    .venv/bin/python bench/faults.py [--requests 500] [--clients 20] [--down 10]

Uses (and re-creates) the PostgreSQL database `unmeetings_faults` on 127.0.0.1:5432.
"""

import argparse
import collections
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import serving
from registration_burst import PORT, burst, prepare, registrations
from serving import ROOT

sys.path.insert(0, str(ROOT))
from tests.servers import RedisServer, SmtpSink

DATABASE = "unmeetings_faults"
BIN = Path(sys.executable).parent


def environment(broker: RedisServer, sink: SmtpSink) -> dict:
    return serving.environment(
        DATABASE,
        CELERY_BROKER_URL=broker.url(0),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_USE_TLS="0",
        REGISTRATION_RATE="100000/m",  # one focal point registers the whole burst
    )


def delivered(sink: SmtpSink, prefix: str) -> collections.Counter:
    """How many times each address of this burst was sent its mail."""
    return collections.Counter(
        message["To"] for message in list(sink.received) if message["To"].startswith(prefix)
    )


def wait_for_mail(sink: SmtpSink, prefix: str, expected: int, limit: float = 600) -> float:
    """Seconds until every address of the burst had its mail (or the limit)."""
    began = time.perf_counter()
    while len(delivered(sink, prefix)) < expected and time.perf_counter() - began < limit:
        time.sleep(0.1)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--down", type=float, default=10.0, help="seconds of each fault")
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    broker, sink = RedisServer(), SmtpSink()
    env = environment(broker, sink)
    serving.recreate_database(env, DATABASE)
    token, entity_id = prepare(options.requests * 3, env)  # seats for all: one mail each
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    path = "/api/v1/sessions/bench/registrations/"
    schedule = ROOT / "var" / "bench-faults-beat"
    helpers = [
        subprocess.Popen(
            [BIN / "celery", "-A", "config", "worker", "-c", "2", "-l", "warning"],
            cwd=ROOT,
            env=env,
        ),
        subprocess.Popen(
            [BIN / "celery", "-A", "config", "beat", "-l", "warning", "-s", schedule],
            cwd=ROOT,
            env=env,
        ),
    ]
    try:
        with serving.gunicorn(env, PORT, options.workers):
            warm_ups = options.workers * 10
            serving.warm_up(
                PORT,
                "/api/v1/sessions/warm-up/registrations/",
                headers,
                bodies=registrations(entity_id, warm_ups, "warm-up"),
            )
            wait_for_mail(sink, "warm-up", warm_ups)

            clean = burst(
                path, registrations(entity_id, options.requests, "clean"), options.clients, headers
            )
            clean["mail_after"] = wait_for_mail(sink, "clean", options.requests)

            broker.stop()
            sink.refusing = True
            recovered = {}

            def recover() -> None:
                time.sleep(options.down)
                broker.start()
                sink.refusing = False
                recovered["at"] = time.perf_counter()

            healer = threading.Thread(target=recover)
            healer.start()
            faulty = burst(
                path, registrations(entity_id, options.requests, "fault"), options.clients, headers
            )
            healer.join()
            wait_for_mail(sink, "fault", options.requests)
            faulty["mail_after"] = time.perf_counter() - recovered["at"]
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait()
        broker.stop()
        sink.stop()
        schedule.unlink(missing_ok=True)

    print(
        f"{options.requests} registrations from {options.clients} clients, gunicorn "
        f"{options.workers} workers, a Celery worker (2 processes) and beat, PostgreSQL, "
        f"{os.cpu_count()} cores"
    )
    for name, result, prefix, since in (
        ("nothing failing", clean, "clean", "the burst's end"),
        (f"broker down and mail refused {options.down:.0f} s", faulty, "fault", "the recovery"),
    ):
        sent = delivered(sink, prefix)
        statuses = ", ".join(
            f"{code}: {count}" for code, count in sorted(result["statuses"].items())
        )
        print(f"{name}:")
        print(
            f"  answers {statuses}; {result['statuses'].get(500, 0)} of 500;  median "
            f"{result['median']:.1f} ms, p99 {result['p99']:.1f} ms"
        )
        print(
            f"  mails: {len(sent)} of {options.requests} registrations mailed, "
            f"{sum(1 for count in sent.values() if count > 1)} more than once; the last "
            f"{result['mail_after']:.1f} s after {since}"
        )


if __name__ == "__main__":
    main()
