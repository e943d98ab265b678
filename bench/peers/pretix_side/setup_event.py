"""Set-up of pretix for the peer bench, run with pretix's own Python (DJANGO_SETTINGS_MODULE
pretix.settings, PRETIX_CONFIG_FILE): never timed. Events are made as pretix's event wizard
makes them (its default plugins, a default check-in list, Event.set_defaults), through
pretix's ORM. Prints one line of JSON for the driver.

    setup_event.py base                 organizer `bench`, a team with every permission and
                                        its API token, and an event `warm-up` with a free
                                        product without limit
    setup_event.py round N ORDERS SEATS event `burst-N`: a free product with a quota of
                                        SEATS; event `gate-N`: a free product, ORDERS paid
                                        orders of one ticket each, and their secrets
    setup_event.py badges DATA          event `badges` with the badge plugin: a photo
                                        question, the people of DATA/people.json as paid
                                        orders with their photos (DATA/photos/N.jpg), the
                                        default layout and a copy of it with the photo
"""

import json
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils.timezone import now  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from i18nfield.strings import LazyI18nString  # noqa: E402
from pretix.base.models import (  # noqa: E402
    Event,
    Item,
    Order,
    OrderPosition,
    Organizer,
    Question,
    QuestionAnswer,
    Quota,
    Team,
)

ORGANIZER = "bench"


def new_event(organizer: Organizer, slug: str, plugins: list[str] = ()) -> Event:
    """A live single event starting in a week, as the wizard makes it."""
    begins = now() + timedelta(days=7)
    event = Event.objects.create(
        organizer=organizer,
        name=LazyI18nString({"en": f"Bench {slug}"}),
        slug=slug,
        date_from=begins,
        date_to=begins + timedelta(days=4),
        currency="EUR",
        live=True,
    )
    modules = settings.PRETIX_PLUGINS_DEFAULT.split(",") + list(plugins)
    event.set_active_plugins(modules, allow_restricted=modules)
    event.save(update_fields=["plugins"])
    event.checkin_lists.create(name="Default", all_products=True)
    event.set_defaults()
    event.settings.set("timezone", "Europe/Vienna")
    event.settings.set("locale", "en")
    event.settings.set("locales", ["en"])
    return event


def free_product(event: Event, seats: int | None) -> Item:
    """A free admission product and its quota (None: no limit)."""
    item = Item.objects.create(
        event=event, name=LazyI18nString({"en": "In person"}), default_price=Decimal("0.00")
    )
    quota = Quota.objects.create(event=event, name="In person", size=seats)
    quota.items.add(item)
    return item


def paid_orders(event: Event, item: Item, people: list[tuple[str, str]]) -> list[OrderPosition]:
    """A paid order of one ticket for each (given, family), as a free order is once placed."""
    web = event.organizer.sales_channels.get(identifier="web")
    positions = []
    for number, (given, family) in enumerate(people):
        order = Order.objects.create(
            event=event,
            email=f"attendee{number}@example.org",
            status=Order.STATUS_PAID,
            total=Decimal("0.00"),
            locale="en",
            sales_channel=web,
        )
        order.payments.create(provider="free", amount=Decimal("0.00"), state="confirmed")
        position = OrderPosition.objects.create(
            order=order,
            item=item,
            price=Decimal("0.00"),
            positionid=1,
            attendee_name_parts={
                "_scheme": "given_family",
                "given_name": given,
                "family_name": family,
            },
        )
        order.create_transactions(is_new=True, positions=[position])
        positions.append(position)
    return positions


def base() -> dict:
    organizer = Organizer.objects.create(name="Bench", slug=ORGANIZER)
    team = Team.objects.create(
        organizer=organizer,
        name="Bench API",
        all_events=True,
        all_event_permissions=True,
        all_organizer_permissions=True,
    )
    token = team.tokens.create(name="bench")
    warm_up = new_event(organizer, "warm-up")
    item = free_product(warm_up, None)
    return {"token": token.token, "organizer": ORGANIZER, "warm_up": ["warm-up", item.pk]}


def round_events(number: str, orders: int, seats: int) -> dict:
    organizer = Organizer.objects.get(slug=ORGANIZER)
    burst = new_event(organizer, f"burst-{number}")
    burst_item = free_product(burst, seats)
    gate = new_event(organizer, f"gate-{number}")
    gate_item = free_product(gate, None)
    people = [("Bench", f"Participant {n}") for n in range(orders)]
    secrets = [position.secret for position in paid_orders(gate, gate_item, people)]
    return {
        "burst": [burst.slug, burst_item.pk],
        "gate": [gate.slug, gate.checkin_lists.get().pk],
        "secrets": secrets,
    }


def badges(data: Path) -> dict:
    """The badge event: the default layout made by the plugin, and a copy of it with the
    photo question's answer drawn beside the name (an image area, as the layout editor
    adds one)."""
    organizer = Organizer.objects.get(slug=ORGANIZER)
    event = new_event(organizer, "badges", ["pretix.plugins.badges"])
    item = free_product(event, None)
    question = Question.objects.create(
        event=event,
        question=LazyI18nString({"en": "Photo"}),
        type=Question.TYPE_FILE,
        identifier="photo",
        required=False,
    )
    question.items.add(item)
    people = json.loads((data / "people.json").read_text())
    for number, position in enumerate(paid_orders(event, item, people)):
        answer = QuestionAnswer(orderposition=position, question=question, answer="file://")
        photo = (data / "photos" / f"{number}.jpg").read_bytes()
        answer.file.save(f"photo-{number}.jpg", ContentFile(photo), save=False)
        answer.answer = f"file://{answer.file.name}"
        answer.save()
    default = event.badge_layouts.get(default=True)
    layout = json.loads(default.layout)
    photo = {
        "type": "imagearea",
        "page": 1,
        "left": "5.00",
        "bottom": "5.00",
        "width": "30.00",
        "height": "37.50",
        "content": "question_photo",
    }
    with_photo = event.badge_layouts.create(
        name="With photo", default=False, layout=json.dumps([*layout, photo])
    )
    return {
        "event": event.slug,
        "item": item.pk,
        "layouts": {"names": default.pk, "photo": with_photo.pk},
        "positions": len(people),
    }


def main() -> None:
    command, *arguments = sys.argv[1:]
    with scopes_disabled(), transaction.atomic():
        if command == "base":
            made = base()
        elif command == "round":
            made = round_events(arguments[0], int(arguments[1]), int(arguments[2]))
        elif command == "badges":
            made = badges(Path(arguments[0]))
        else:
            raise SystemExit(f"unknown command {command}")
    print(json.dumps(made))


if __name__ == "__main__":
    main()
