"""pretix's badge plugin printing the badge event's people (set up by setup_event.py
badges), run with pretix's own Python: the export an organizer downloads ("Attendee
badges", one badge per page), through BadgeExporter.render, with the default layout (the
attendee's name) and with its copy that also draws the photo question's answer. Prints the
seconds of each run as JSON, after a warm-up (fonts registered, code paths run once).

    render_badges.py EVENT ITEM NAMES_LAYOUT PHOTO_LAYOUT RUNS
"""

import io
import json
import sys
import time

import django

django.setup()

from django_scopes import scopes_disabled  # noqa: E402
from pretix.base.models import Event  # noqa: E402
from pretix.plugins.badges.exporters import OPTIONS, BadgeExporter, render_pdf  # noqa: E402


def use_layout(event: Event, layout_id: int) -> None:
    """This layout as the event's default (no product has one of its own)."""
    event.badge_layouts.update(default=False)
    event.badge_layouts.filter(pk=layout_id).update(default=True)


def render(event: Event, item_id: int) -> bytes:
    exporter = BadgeExporter(event, event.organizer)
    _name, _kind, pdf = exporter.render(
        {"items": [item_id], "rendering": "one", "order_by": "name", "include_pending": False}
    )
    return pdf


def main() -> None:
    slug, item_id, names, photo, runs = sys.argv[1:]
    with scopes_disabled():
        event = Event.objects.get(slug=slug, organizer__slug="bench")
        item_id = int(item_id)
        layouts = {"names": int(names), "photo": int(photo)}
        warm_up = event.orders.order_by("pk")[:5]
        positions = [order.positions.get() for order in warm_up]
        for layout in layouts.values():  # a warm-up: fonts, images, code paths
            use_layout(event, layout)
            render_pdf(event, positions, OPTIONS["one"], io.BytesIO())
        seconds = {kind: [] for kind in layouts}
        for _ in range(int(runs)):
            for kind, layout in layouts.items():
                use_layout(event, layout)
                began = time.perf_counter()
                pdf = render(event, item_id)
                seconds[kind].append(time.perf_counter() - began)
                assert pdf.startswith(b"%PDF")
        count = event.orders.count()
    print(json.dumps({"seconds": seconds, "badges": count}))


if __name__ == "__main__":
    main()
