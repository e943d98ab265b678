"""Cost of booking a room through the service: N bookings of free slots, then N refused
attempts over booked ones, in a throwaway test database (SQLite by default, PostgreSQL when
DATABASE_URL is set). Prints median and 95th-percentile times.

    DEBUG=1 .venv/bin/python bench/room_bookings.py [N]
"""

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

VIENNA = ZoneInfo("Europe/Vienna")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, seconds: list[float]) -> None:
    ms = [value * 1000 for value in seconds]
    print(
        f"{label:<28} n={len(ms):<5} median {statistics.median(ms):6.2f} ms   "
        f"p95 {percentile(ms, 0.95):6.2f} ms"
    )


def main(count: int) -> None:
    from sessions_app import services
    from sessions_app.models import Room, Venue

    venue = Venue.objects.create(name="Vienna International Centre", slug="vic")
    room = Room.objects.create(venue=venue, name="Boardroom D", slug="boardroom-d", capacity=80)
    first_day = date(2030, 1, 7)
    slots = [
        (
            datetime.combine(first_day + timedelta(days=i // 4), datetime.min.time(), VIENNA)
            + timedelta(hours=8 + 3 * (i % 4))
        )
        for i in range(count)
    ]
    made, refused = [], []
    for start in slots:
        began = time.perf_counter()
        services.book_room(room, start, start + timedelta(hours=3), purpose="Bench")
        made.append(time.perf_counter() - began)
    for start in slots:
        began = time.perf_counter()
        try:
            services.book_room(
                room,
                start + timedelta(hours=1),
                start + timedelta(hours=2),
                purpose="Bench conflict",
            )
        except services.BookingConflict:
            refused.append(time.perf_counter() - began)
    assert len(refused) == count, "every overlapping attempt must be refused"
    print(f"database: {connection.vendor}; {count} bookings of one room")
    report("booking a free slot", made)
    report("refusing an overlap", refused)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main(count)
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
