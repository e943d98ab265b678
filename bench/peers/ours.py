"""Our side of the peer bench, as child processes of the driver (each with Django set up on
one database, which a process can do only once): the set-ups of our own benches, called
as they are, and our badges for the same people as pretix's. Never timed, except `badges`.
Prints one line of JSON.

    ours.py burst SEATS        registration_burst's database and prepare(SEATS)
    ours.py gate PARTICIPANTS  checkin's database and prepare(PARTICIPANTS)
    ours.py people DATA N      N people (Latin names of bench/badges.py's people) and their
                               portraits, to DATA/people.json and DATA/photos/N.jpg
    ours.py badges DATA RUNS   seconds per run of render_badges for those people, with
                               their photos and without (names only), in turns
"""

import gc
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))

import serving  # noqa: E402

ROOT = serving.ROOT


def burst(seats: int) -> dict:
    import registration_burst

    environment = registration_burst.environment()
    serving.recreate_database(environment, registration_burst.DATABASE)
    token, entity_id = registration_burst.prepare(seats, environment)
    return {"token": token, "entity": entity_id}


def gate(participants: int) -> dict:
    import checkin

    serving.recreate_database(serving.environment_holding_mail(checkin.DATABASE), checkin.DATABASE)
    token, codes = checkin.prepare(participants)
    return {"token": token, "codes": codes}


def _badge_module():
    """bench/badges.py, under another name than the app `badges` that it imports (it sets
    Django up on the project's settings as it is imported, as README runs it: DEBUG=1)."""
    import importlib.util

    os.environ.setdefault("DEBUG", "1")
    spec = importlib.util.spec_from_file_location("bench_badges", BENCH / "badges.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def people(data: Path, count: int) -> dict:
    """The Latin names bench/badges.py gives its people (their own-script names left out:
    pretix's badge font has no Arabic or Chinese), and the same portraits."""
    bench_badges = _badge_module()
    from config.demo_portraits import portrait

    (data / "photos").mkdir(parents=True, exist_ok=True)
    named = []
    for index in range(count):
        _script, given, family, _own = bench_badges.person(index)
        named.append((given, family))
        (data / "photos" / f"{index}.jpg").write_bytes(portrait(given, family, str(index)))
    (data / "people.json").write_text(json.dumps(named))
    return {"people": count}


def badges(data: Path, runs: int) -> dict:
    """Our renderer on our A6 layout for the people of `data`: each badge with its Latin
    name, entity, category band, session title, signed QR code and serial, with the photo
    and without; the best and median of `runs`, in turns, after a warm-up (as
    bench/badges.py times it)."""
    bench_badges = _badge_module()
    from badges.render import DEFAULT_COLOURS, BadgeData, render_badges
    from badges.signing import new_key_pair, qr_modules, sign

    named = json.loads((data / "people.json").read_text())
    private_key, _ = new_key_pair()
    made = []
    for index, (given, family) in enumerate(named):
        category, label, entity = bench_badges.ENTITIES[index % len(bench_badges.ENTITIES)]
        made.append(
            BadgeData(
                session_title=bench_badges.SESSION_TITLE,
                dates_label="27–31 January 2025",
                category=category,
                category_label=label,
                colour=DEFAULT_COLOURS[category],
                photo=(data / "photos" / f"{index}.jpg").read_bytes(),
                latin_name=f"{given} {family}",
                own_script_name="",
                entity_name=entity,
                qr_modules=qr_modules(sign(private_key, 42, 100_000 + index, index + 1)),
                serial=index + 1,
                valid_label="27–31 January 2025",
            )
        )
    names_only = [BadgeData(**{**vars(badge), "photo": None}) for badge in made]
    bench_badges.warm()
    seconds = {"photo": [], "names": []}
    for _ in range(runs):
        for kind, batch in (("photo", made), ("names", names_only)):
            bench_badges.empty_text_caches()  # names never seen, as in a real batch
            gc.collect()
            began = time.perf_counter()
            pdf = render_badges(batch, bench_badges.LAYOUT).pdf
            seconds[kind].append(time.perf_counter() - began)
            assert pdf.startswith(b"%PDF")
    return {"seconds": seconds, "badges": len(made)}


def main() -> None:
    command, *arguments = sys.argv[1:]
    if command == "burst":
        made = burst(int(arguments[0]))
    elif command == "gate":
        made = gate(int(arguments[0]))
    elif command == "people":
        made = people(Path(arguments[0]), int(arguments[1]))
    elif command == "badges":
        made = badges(Path(arguments[0]), int(arguments[1]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(made))


if __name__ == "__main__":
    main()
