"""The officer's console with 2,500 registrations in one session (the upper case of
DESIGN.md): gunicorn on PostgreSQL, one officer's browser asking one page after another.
Times the console's first page, a filtered page (submitted, searched by name), a page deep
in the list and one registration's detail page, and, as the same-run reference, a page of
the bare site layout served by the same gunicorn to the same officer. Prints the median and
95th percentile of each, and the queries each page makes (counted in this process, on the
same database).

    .venv/bin/python bench/console.py [--registrations 2500] [--requests 50] [--workers 2]

Uses (and re-creates) the PostgreSQL database `unmeetings_console_bench` on 127.0.0.1:5432.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

import serving
from serving import percentile

DATABASE = "unmeetings_console_bench"
PORT = 8768
TARGET_MS = 150


def environment() -> dict:
    # The officer has no second factor here: the console is timed, not the sign-in.
    return serving.environment(
        DATABASE,
        BENCH_MAIL_DIR=tempfile.gettempdir(),
        MFA_REQUIRED_FOR_OFFICERS="0",
        CELERY_BROKER_URL="",
    )


def prepare(count: int) -> tuple[str, int]:
    """The session `ccpcj` with `count` registrations from 136 delegations, in the mix of
    states of a session a week before it opens, each with its line of history; an officer
    signed in. Straight into the database (set-up, not measured). Returns the officer's
    session cookie and the id of a registration."""
    serving.setup_django(environment())
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.test import Client

    from accounts.roles import CONFERENCE_OFFICERS
    from registration.models import Delegation, Entity, Registration, RegistrationEvent
    from sessions_app.models import Series, Session

    series = Series.objects.create(name="CCPCJ", short_name="CCPCJ", slug="ccpcj")
    session = Session.objects.create(
        series=series,
        title="Commission on Crime Prevention and Criminal Justice, bench session",
        short_name="CCPCJ",
        slug="ccpcj",
        start_date="2030-05-20",
        end_date="2030-05-24",
        time_zone="Europe/Vienna",
        format="hybrid",
        languages=["en", "fr", "es", "ar", "zh", "ru"],
    )
    states = ["submitted"] * 14 + ["approved"] * 4 + ["waitlisted", "rejected"]
    kinds = [Entity.Kind.MEMBER_STATE] * 8 + [Entity.Kind.NGO, Entity.Kind.IGO]
    with transaction.atomic():
        entities = Entity.objects.bulk_create(
            Entity(
                kind=kinds[n % len(kinds)],
                name=f"Benchland {n:03d}",
                code=f"B{n:02d}" if kinds[n % len(kinds)] == "member_state" else "",
                regional_group="AFRICA",
            )
            for n in range(136)
        )
        delegations = Delegation.objects.bulk_create(
            Delegation(session=session, entity=entity) for entity in entities
        )
        registrations = Registration.objects.bulk_create(
            Registration(
                session=session,
                delegation=delegations[n % len(delegations)],
                entity=entities[n % len(entities)],
                category=entities[n % len(entities)].kind,
                participation_mode="in_person" if n % 3 else "online",
                state=states[n % len(states)],
                salutation="Ms." if n % 2 else "Mr.",
                given_name=f"Given{n}",
                family_name=f"Participant {n:04d}",
                email=f"participant{n}@example.org",
                waitlisted_at=session.updated_at
                if states[n % len(states)] == "waitlisted"
                else None,
            )
            for n in range(count)
        )
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent(registration=registration, to_state=registration.state)
            for registration in registrations
        )
        officer = get_user_model().objects.create_user("officer@example.org", "officer@example.org")
        officer.groups.add(Group.objects.get(name=CONFERENCE_OFFICERS))
    with connection.cursor() as cursor:  # as autovacuum would have, long before
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(officer)
    cookie = client.cookies["sessionid"].value
    connection.close()
    return cookie, registrations[count // 2].pk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=2500)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    serving.recreate_database(environment(), DATABASE)
    began = time.perf_counter()
    cookie, registration_id = prepare(options.registrations)
    print(
        f"set-up: {options.registrations} registrations in {time.perf_counter() - began:.0f} s",
        file=sys.stderr,
    )
    headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
    pages = {
        "reference: the bare layout, signed in": "/bench/layout/",
        "console, first page (50 rows)": "/sessions/ccpcj/console/",
        "console, submitted + search (50 rows)": (
            "/sessions/ccpcj/console/?state=submitted&q=participant+01"
        ),
        "console, page 20 of 100 rows": "/sessions/ccpcj/console/?per_page=100&page=20",
        "one registration's page": f"/sessions/ccpcj/console/{registration_id}/",
    }
    results = {}
    with serving.gunicorn(environment(), PORT, options.workers, "/bench/layout/"):
        for path in pages.values():  # every worker connected and through each page once
            serving.page_timings(PORT, path, headers, options.workers * 3)
        for name, path in pages.items():
            results[name] = serving.page_timings(PORT, path, headers, options.requests)

    print(
        f"{options.registrations} registrations in one session, {options.requests} requests "
        f"per page, one after another, gunicorn {options.workers} workers, PostgreSQL, "
        f"{os.cpu_count()} cores"
    )
    width = max(len(name) for name in pages)
    for name, path in pages.items():
        latencies = results[name]
        queries = serving.queries_of(path, cookie)
        print(
            f"{name:<{width}}  median {statistics.median(latencies):6.1f} ms   "
            f"p95 {percentile(latencies, 0.95):6.1f} ms   queries {queries}"
        )
    slowest = max(statistics.median(results[name]) for name in pages if "console" in name)
    verdict = "met" if slowest < TARGET_MS else "MISSED"
    print(f"target: every console page's median under {TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
