"""Issue 19's Commission scale: `seed_demo --participants 2500` (150 delegations, both modes,
every state, portraits, badges, check-ins) served by gunicorn on PostgreSQL to one officer
asking one page after another: the console's first page, the exports (CSV, Excel, the list
of participants PDF), the attendance summaries (gate, online) and the interpretation
coverage (page, PDF), beside the bare layout (the same-run reference). Prints each page's
median and 95th percentile and its queries (counted in this process, beside the same page
of the demo's small session). Then a Celery worker (-c 1, the bench's own Redis) prints the
session's badges as the badge page does (`printing.start`, everyone): 2,500, the badge
holders topped up with copies of approved in-person participants if the seed has fewer
(set-up, said so); prints enqueue-to-done time, the worker's peak memory, the PDF's pages.

    .venv/bin/python bench/commission.py [--participants 2500] [--requests 10]
        [--workers 2] [--badges 2500]

Uses (and re-creates) the PostgreSQL database `unmeetings_commission_bench` on
127.0.0.1:5432; its files go to a temporary directory.
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import serving
from serving import ROOT, percentile

sys.path.insert(0, str(ROOT))
from tests.servers import RedisServer

DATABASE = "unmeetings_commission_bench"
SLUG = "commission-demo"
SMALL = "demo"  # the demo's own session, for the queries of a small one
OFFICER = "officer@demo.example.org"
PORT = 8769
BIN = Path(sys.executable).parent
MEDIA = Path(tempfile.gettempdir()) / f"{DATABASE}-media"
PAGE_TARGET_MS = 1000
PRINT_TARGET_S = 10
MEMORY_TARGET_MB = 300


def environment(broker: str) -> dict:
    # The officer has no second factor here: the pages are timed, not the sign-in.
    return serving.environment(
        DATABASE,
        BENCH_MAIL_DIR=str(Path(tempfile.gettempdir()) / f"{DATABASE}-mail"),
        MFA_REQUIRED_FOR_OFFICERS="0",
        CELERY_BROKER_URL=broker,
        MEDIA_ROOT=str(MEDIA),
    )


def seed(participants: int) -> None:
    """The demo and its Commission session, into a new database (set-up, not measured; the
    seed's mail goes to an in-memory broker that no worker reads)."""
    env = environment("memory://")
    serving.recreate_database(env, DATABASE)
    shutil.rmtree(MEDIA, ignore_errors=True)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--participants", str(participants)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"set-up: seed_demo --participants {participants} in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )


def signed_in() -> str:
    """The demo officer's session cookie (this process is set up as the server)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:  # as autovacuum would have, long before
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(get_user_model().objects.get(email=OFFICER))
    return client.cookies["sessionid"].value


def top_up(session, count: int) -> int:
    """Copies of the session's approved in-person participants (new names and addresses,
    the same delegation, entity and portrait) until `count` hold a badge; how many were
    made (set-up, not measured)."""
    import copy

    from django.db import transaction

    from badges import printing
    from registration.models import Registration, RegistrationEvent

    holders = list(printing.printable(session).order_by("pk"))
    copies = []
    for n in range(count - len(holders)):
        twin = copy.copy(holders[n % len(holders)])
        twin.pk, twin.participant = None, None
        twin.family_name = f"{twin.family_name} Bench {n:04d}"
        twin.email = f"bench-copy-{n}@example.org"
        copies.append(twin)
    with transaction.atomic():
        made = Registration.objects.bulk_create(copies)
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent(registration=twin, to_state=twin.state) for twin in made
        )
    return len(made)


def processes_of(pid: int) -> list[int]:
    """The process and its descendants."""
    found, waiting = [], [pid]
    while waiting:
        found.append(waiting.pop())
        for task in Path(f"/proc/{found[-1]}/task").iterdir():
            waiting += [int(child) for child in (task / "children").read_text().split()]
    return found


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def print_badges(env: dict, count: int) -> dict:
    """A Celery worker prints the session's badges, the job made as the badge page makes
    it; the time from enqueue to done, the worker's peak memory, the PDF's pages."""
    from celery import current_app
    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    from badges import printing, services
    from badges.layouts import preset
    from badges.models import Badge, PrintJob
    from sessions_app.models import Session

    session = Session.objects.get(slug=SLUG)
    topped_up = top_up(session, count)
    officer = get_user_model().objects.get(email=OFFICER)
    layout = services.badging_for(session).layout

    def printed(**selection) -> tuple[PrintJob, float]:
        began = time.perf_counter()
        job = printing.start(session, officer, layout=layout, **selection)
        while job.status not in (PrintJob.Status.DONE, PrintJob.Status.FAILED):
            time.sleep(0.05)
            job.refresh_from_db()
        if job.status != PrintJob.Status.DONE:
            raise SystemExit(f"the print job failed: {job.report}")
        return job, time.perf_counter() - began

    log = Path(tempfile.gettempdir()) / f"{DATABASE}-worker.log"
    with open(log, "wb") as output:
        worker = subprocess.Popen(
            [BIN / "celery", "-A", "config", "worker", "-c", "1", "-l", "warning"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        while not current_app.control.ping(timeout=0.5):
            if worker.poll() is not None:
                raise SystemExit(f"the Celery worker did not start: see {log}")
        # The worker's first job imports the renderer and loads the fonts, once.
        first = printing.printable(session).values_list("pk", flat=True)[:1]
        _, warm_up = printed(kind="chosen", chosen=[str(pk) for pk in first])
        issued_before = Badge.objects.filter(session=session).count()
        job, took = printed(kind="all")
        issued = Badge.objects.filter(session=session).count() - issued_before
        peaks = {pid: peak_mb(pid) for pid in processes_of(worker.pid)}
    finally:
        worker.terminate()
        worker.wait()
    if job.status != PrintJob.Status.DONE:
        raise SystemExit(f"the print job failed: {job.report}")
    with job.pdf.open("rb") as file:
        pages = len(PdfReader(file).pages)
    return {
        "badges": job.total,
        "topped_up": topped_up,
        "seconds": took,
        "warm_up": warm_up,
        "issued": issued,
        "layout": layout,
        "pages": pages,
        "expected_pages": math.ceil(job.total / preset(layout).per_page),
        "peaks": peaks,
        "main": worker.pid,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2500)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--badges", type=int, default=2500)
    options = parser.parse_args()

    seed(options.participants)
    broker = RedisServer()
    try:
        env = environment(broker.url(0))
        serving.setup_django(env)
        cookie = signed_in()
        headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
        console = f"/sessions/{SLUG}/console"
        pages = {
            "reference: the bare layout, signed in": "/bench/layout/",
            "console, first page": f"{console}/",
            "export, CSV": f"{console}/export.csv",
            "export, Excel": f"{console}/export.xlsx",
            "list of participants, PDF": f"{console}/participants.pdf",
            "attendance summary (gate)": f"{console}/attendance/",
            "online attendance": f"/sessions/{SLUG}/online-attendance/",
            "interpretation coverage": f"/sessions/{SLUG}/interpretation/",
            "interpretation coverage, PDF": f"/sessions/{SLUG}/interpretation/coverage.pdf",
        }
        results = {}
        with serving.gunicorn(env, PORT, options.workers, "/bench/layout/"):
            for path in pages.values():  # every worker connected and through each page once
                serving.page_timings(PORT, path, headers, options.workers * 2)
            for name, path in pages.items():
                results[name] = serving.page_timings(PORT, path, headers, options.requests)
        counts = {name: serving.queries_of(path, cookie) for name, path in pages.items()}
        # The same pages of the demo's small session: a count that differs grows with rows.
        small = {
            n: serving.queries_of(p.replace(f"/{SLUG}/", f"/{SMALL}/"), cookie)
            for n, p in pages.items()
        }
        badges = print_badges(env, options.badges)
    finally:
        broker.stop()

    from registration.models import Registration

    registrations = Registration.objects.filter(session__slug=SLUG).count()
    in_small = Registration.objects.filter(session__slug=SMALL).count()
    print(
        f"{registrations - badges['topped_up']} registrations in `{SLUG}`, "
        f"{options.requests} requests per page, one after another, gunicorn "
        f"{options.workers} workers, PostgreSQL, {os.cpu_count()} cores"
    )
    width = max(len(name) for name in pages)
    for name in pages:
        latencies = results[name]
        print(
            f"{name:<{width}}  median {statistics.median(latencies):7.1f} ms   "
            f"p95 {percentile(latencies, 0.95):7.1f} ms   queries {counts[name]:3d} "
            f"({small[name]} in `{SMALL}`, {in_small} registrations)"
        )
    slowest = max(percentile(results[name], 0.95) for name in pages if "reference" not in name)
    verdict = "met" if slowest < PAGE_TARGET_MS else "MISSED"
    print(f"target: every page's p95 under {PAGE_TARGET_MS} ms: {verdict} (slowest {slowest:.0f})")

    if badges["topped_up"]:
        print(
            f"badges: the seed had {badges['badges'] - badges['topped_up']} badge holders; "
            f"{badges['topped_up']} copies of them added (set-up) to print {badges['badges']}"
        )
    print(f"badges: the worker's first job (1 badge) took {badges['warm_up']:.1f} s")
    per_badge = badges["seconds"] * 1000 / badges["badges"]
    peaks = badges["peaks"]
    child = max((mb for pid, mb in peaks.items() if pid != badges["main"]), default=0.0)
    print(
        f"badges: {badges['badges']} printed by a Celery worker (-c 1, layout "
        f"{badges['layout']}) in {badges['seconds']:.1f} s from enqueue to done "
        f"({per_badge:.2f} ms a badge, {badges['issued']} of them issued by the job, the "
        f"rest already by the seed); PDF {badges['pages']} pages "
        f"(expected {badges['expected_pages']}"
        f"{', ok' if badges['pages'] == badges['expected_pages'] else ', WRONG'})"
    )
    print(
        f"badges: worker peak memory (VmHWM) {child:.0f} MB in the process that printed, "
        f"{peaks[badges['main']]:.0f} MB in its parent"
    )
    verdict = (
        "met"
        if badges["badges"] >= options.badges
        and badges["seconds"] < PRINT_TARGET_S
        and child < MEMORY_TARGET_MB
        else "MISSED"
    )
    print(
        f"target: {options.badges} badges under {PRINT_TARGET_S} s and "
        f"{MEMORY_TARGET_MB} MB: {verdict}"
    )


if __name__ == "__main__":
    main()
