"""Personal calendar feed over 1,000 sittings: the full build and the 304 path, through
Django's test client (no network), in a throwaway database (SQLite by default, PostgreSQL
when DATABASE_URL is set). Prints median and 95th-percentile times: the first request of
the process, the feed built with nothing cached (the cache emptied before each), the feed after
one of its sittings changed (one session's block of events made again), the feed built
from cached events (the kept feed dropped), the same feed polled again unchanged
without validators (the feed kept under its ETag), the 304, and a 404 for an unknown token
(the floor).

    DEBUG=1 .venv/bin/python bench/calendar_feeds.py [--sittings 1000] [--runs 50]

Targets here: built with nothing cached under 250 ms, from cached events under 40 ms, a
304 within 1 ms of the floor.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

VIENNA = ZoneInfo("Europe/Vienna")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label, seconds):
    ms = [value * 1000 for value in seconds]
    print(
        f"{label:<32} n={len(ms):<4} median {statistics.median(ms):7.2f} ms   "
        f"p95 {percentile(ms, 0.95):7.2f} ms"
    )


def prepare(sitting_count: int) -> str:
    """A person approved for 50 sessions of 20 sittings each (1,000 sittings)."""
    from django.contrib.auth import get_user_model

    from accounts.feed_tokens import replace_token
    from registration.models import Delegation, Entity, Registration
    from sessions_app.models import Room, Series, Session, Sitting, Venue

    user = get_user_model().objects.create_user("bench@example.org", "bench@example.org")
    series = Series.objects.create(name="Bench", short_name="Bench", slug="bench")
    venue = Venue.objects.create(
        name="Vienna International Centre",
        slug="vic",
        latitude=48.2344,
        longitude=16.417,
        address="Wagramer Strasse 5, 1220 Vienna, Austria",
    )
    room = Room.objects.create(
        venue=venue, name="Boardroom D", slug="boardroom-d", capacity=80, building="C", floor="4"
    )
    entity = Entity.objects.create(kind="member_state", name="Benchland", code="BNL")
    per_session = 20
    for number in range(sitting_count // per_session):
        first = date(2030, 1, 7) + timedelta(days=7 * number)
        session = Session.objects.create(
            series=series,
            title=f"Meeting {number}",
            short_name=f"M{number}",
            slug=f"m{number}",
            start_date=first,
            end_date=first + timedelta(days=9),
            format="in_person",
            room=room,
            venue=venue,
            languages=["ar", "en", "fr"],
        )
        Sitting.objects.bulk_create(
            [
                Sitting(
                    session=session,
                    title=f"{n + 1}th plenary meeting",
                    room=room,
                    format="in_person",
                    agenda_items="1. Opening\n2. Adoption of the agenda",
                    start=datetime.combine(
                        first + timedelta(days=n // 2), datetime.min.time(), VIENNA
                    )
                    + timedelta(hours=10 + 5 * (n % 2)),
                    end=datetime.combine(
                        first + timedelta(days=n // 2), datetime.min.time(), VIENNA
                    )
                    + timedelta(hours=13 + 5 * (n % 2)),
                )
                for n in range(per_session)
            ]
        )
        delegation = Delegation.objects.create(session=session, entity=entity)
        Registration.objects.create(
            session=session,
            delegation=delegation,
            entity=entity,
            participant=user,
            category="member_state",
            participation_mode="in_person",
            state="approved",
            salutation="Ms.",
            given_name="Bench",
            family_name="Person",
            email=user.email,
        )
    return f"/calendar/feed/{replace_token(user)}.ics"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sittings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    options = parser.parse_args()
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        url = prepare(options.sittings)
        with connection.cursor() as cursor:  # as autovacuum would have, long before
            cursor.execute("ANALYZE")
        client = Client()
        began = time.perf_counter()
        first = client.get(url)
        cold = time.perf_counter() - began
        assert first.status_code == 200 and first.content.count(b"BEGIN:VEVENT") == (
            options.sittings
        ), "the feed must hold every sitting"
        # Nothing cached: the events of a new subscriber, or after the cache was emptied (a
        # deploy with the in-memory cache), in a process that has served requests before.
        from django.core.cache import cache

        from sessions_app.calendar_views import feed_cache_key

        unbuilt = []
        for _ in range(max(5, options.runs // 5)):
            cache.clear()
            began = time.perf_counter()
            assert client.get(url).status_code == 200
            unbuilt.append(time.perf_counter() - began)
        from django.utils import timezone

        from sessions_app.models import Sitting

        sittings = list(Sitting.objects.order_by("start").values_list("pk", flat=True))
        changed, builds, kept, not_modified = [], [], [], []
        for run in range(options.runs):
            # One sitting changed: the feed's version moves, and only its session's block of
            # events is made again (with that sitting's event), the others kept.
            Sitting.objects.filter(pk=sittings[run * 37 % len(sittings)]).update(
                updated_at=timezone.now()
            )
            began = time.perf_counter()
            latest = client.get(url)
            changed.append(time.perf_counter() - began)
            assert latest.status_code == 200 and latest["ETag"] != first["ETag"]
            first = latest
            # The events cached but not the feed (dropped): every block kept.
            assert cache.delete(feed_cache_key(url, first["ETag"])), "the feed was not kept"
            began = time.perf_counter()
            response = client.get(url)
            builds.append(time.perf_counter() - began)
            assert response.status_code == 200 and response.content == first.content
            began = time.perf_counter()
            response = client.get(url)
            kept.append(time.perf_counter() - began)
            assert response.status_code == 200 and response.content == first.content
            began = time.perf_counter()
            response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            not_modified.append(time.perf_counter() - began)
            assert response.status_code == 304
        print(
            f"database: {connection.vendor}; personal feed of {options.sittings} sittings, "
            f"{len(first.content) // 1024} KiB"
        )
        report("first request of the process", [cold])
        report("built with nothing cached", unbuilt)
        report("one sitting changed (200)", changed)
        report("built from cached events (200)", builds)
        report("polled again, unchanged (200)", kept)
        report("conditional request (304)", not_modified)
        floor = []
        for _ in range(options.runs):
            began = time.perf_counter()
            client.get("/calendar/feed/unknown.ics")  # one query, then 404: the framework
            floor.append(time.perf_counter() - began)
        report("floor: unknown token (404)", floor)
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
