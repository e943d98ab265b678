"""The live pages: the display and the Chair's console, who may open them, the console's
buttons, and the socket that carries every change to the pages (proceedings.live)."""

import asyncio
import json
import secrets
import time

import pytest
from asgiref.sync import async_to_sync
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import ChannelLayerManager, get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from proceedings import live, services
from proceedings.models import Inscription, OrderChange, SpeakingRules
from proceedings.routing import websocket_urlpatterns
from tests.config.test_settings import settings_with
from tests.factories import UserFactory
from tests.proceedings.conftest import inscribe
from tests.servers import LOCAL_REDIS as REDIS

State = Inscription.State


def console_url(session, action=None):
    sitting = session.sittings.order_by("start").last()  # the one with item 3
    if action:
        return reverse("proceedings:console_action", args=[session.slug, sitting.pk, action])
    return reverse("proceedings:console", args=[session.slug, sitting.pk])


@pytest.fixture
def floor(session, officer, speakers_list, member):
    """Item 3 with Austria and Brazil inscribed, Austria given the floor."""
    austria, brazil = member("Austria"), member("Brazil")
    inscribe(speakers_list, austria)
    inscribe(speakers_list, brazil)
    services.give_floor(speakers_list, officer)
    return {"austria": austria, "brazil": brazil, "list": speakers_list}


# --- The display -------------------------------------------------------------------------


def test_the_display_shows_the_item_the_speaker_the_timer_and_who_comes_next(
    client, session, floor
):
    client.force_login(floor["brazil"].focal_point)
    page = client.get(reverse("proceedings:live", args=[session.slug])).content.decode()
    assert "Promising practices in reducing reoffending" in page
    now = page.index("Has the floor")
    assert page.index("Austria", now) < page.index("Next speakers") < page.index("Brazil")
    assert 'data-limit="300"' in page  # five minutes, a national statement
    assert "5:00" in page


def test_the_display_speaks_the_readers_language(client, session, floor):
    client.force_login(floor["austria"].speaker.participant or floor["austria"].focal_point)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("proceedings:live", args=[session.slug])).content.decode()
    assert 'dir="rtl"' in page
    assert "Has the floor" not in page


def test_nobody_outside_the_session_sees_the_display(client, session, floor):
    url = reverse("proceedings:live", args=[session.slug])
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


# --- The console -------------------------------------------------------------------------


def test_only_officers_open_the_console_or_press_its_buttons(client, session, floor):
    client.force_login(floor["austria"].focal_point)
    assert client.get(console_url(session)).status_code == 403
    response = client.post(console_url(session, "give-floor"), {"list": floor["list"].pk})
    assert response.status_code == 403
    assert Inscription.objects.get(state=State.SPEAKING).delegation == floor["austria"].delegation


def test_the_console_gives_the_floor_and_runs_the_timer(client, session, officer, floor):
    client.force_login(officer)
    assert "Give the floor to the next speaker" in client.get(console_url(session)).content.decode()
    austria = Inscription.objects.get(delegation=floor["austria"].delegation)
    client.post(console_url(session, "pause"), {"inscription": austria.pk})
    austria.refresh_from_db()
    assert austria.running_since is None
    client.post(console_url(session, "start"), {"inscription": austria.pk})
    austria.refresh_from_db()
    assert austria.running_since is not None
    response = client.post(console_url(session, "give-floor"), {"list": floor["list"].pk})
    assert response.status_code == 302
    austria.refresh_from_db()
    assert austria.state == State.SPOKE
    brazil = Inscription.objects.get(delegation=floor["brazil"].delegation)
    assert brazil.state == State.SPEAKING
    client.post(console_url(session, "stop"), {"inscription": brazil.pk})
    brazil.refresh_from_db()
    assert brazil.state == State.SPOKE


def test_the_console_takes_up_an_item_and_opens_a_list(client, session, officer, floor):
    client.force_login(officer)
    client.post(console_url(session, "open"), {"item": 2})
    second = session.speakers_lists.get(item_number=2)
    client.post(console_url(session, "take-up"), {"list": second.pk})
    assert live.current_list(session) == second


def test_a_refusal_on_the_console_says_why_and_changes_nothing(client, session, officer, floor):
    client.force_login(officer)
    brazil = Inscription.objects.get(delegation=floor["brazil"].delegation)
    response = client.post(console_url(session, "pause"), {"inscription": brazil.pk}, follow=True)
    assert "This speaker does not have the floor." in response.content.decode()
    brazil.refresh_from_db()
    assert brazil.state == State.WAITING
    assert client.post(console_url(session, "nothing"), {}).status_code == 404


def test_an_officer_adds_a_right_of_reply_even_to_a_closed_list(client, session, officer, floor):
    services.close_list(floor["list"], officer)
    client.force_login(officer)
    client.post(
        console_url(session, "reply"),
        {"list": floor["list"].pk, "speaker": floor["brazil"].speaker.pk, "language": "es"},
    )
    reply = Inscription.objects.get(kind=Inscription.Kind.RIGHT_OF_REPLY)
    assert (reply.delegation, reply.language) == (floor["brazil"].delegation, "es")
    with pytest.raises(services.SpeakersListError):  # a focal point may not, on a closed list
        inscribe(floor["list"], floor["austria"], kind=Inscription.Kind.RIGHT_OF_REPLY)


# --- Absent when called ---------------------------------------------------------------


def test_an_absent_speaker_goes_off_the_list(session, officer, floor):
    austria = Inscription.objects.get(delegation=floor["austria"].delegation)
    services.mark_absent(austria, officer)
    austria.refresh_from_db()
    assert (austria.state, austria.absences) == (State.ABSENT, 1)


def test_where_the_rules_say_so_an_absent_speaker_moves_down_once_then_off(
    session, officer, floor, member
):
    SpeakingRules.objects.create(session=session, absent_moves_down=True)
    chile = member("Chile")
    inscribe(floor["list"], chile)
    reply = inscribe(floor["list"], floor["brazil"], kind=Inscription.Kind.RIGHT_OF_REPLY)
    austria = Inscription.objects.get(delegation=floor["austria"].delegation)
    services.mark_absent(austria, officer)
    names = [(i.delegation.entity.name, i.kind) for i in services.queries.in_order(floor["list"])]
    assert names == [
        ("Brazil", "statement"),
        ("Chile", "statement"),
        ("Austria", "statement"),
        ("Brazil", "reply"),
    ]
    change = OrderChange.objects.get(inscription=austria)
    assert (change.from_position, change.to_position, change.actor) == (1, 3, officer)
    austria.refresh_from_db()
    assert (austria.state, austria.started_at, austria.position) == (State.WAITING, None, 3)
    services.mark_absent(austria, officer)
    austria.refresh_from_db()
    assert austria.state == State.ABSENT
    assert reply.pk in [i.pk for i in services.queries.in_order(floor["list"])]


# --- The push ----------------------------------------------------------------------------


def test_a_change_reaches_the_pages_of_each_language_once_committed(
    session, officer, floor, django_capture_on_commit_callbacks
):
    layer = get_channel_layer()
    for language in ("en", "ar"):
        async_to_sync(layer.group_add)(live.group_name(session.pk, language), f"test.{language}")
    with django_capture_on_commit_callbacks(execute=True):
        services.give_floor(floor["list"], officer)
    english = json.loads(async_to_sync(layer.receive)("test.en")["text"])
    arabic = json.loads(async_to_sync(layer.receive)("test.ar")["text"])
    assert "Brazil" in english["html"].split("Next speakers")[0]
    assert "Has the floor" in english["html"]
    assert "Has the floor" not in arabic["html"]
    assert abs(english["now"] - arabic["now"]) < 60_000


def test_a_refused_change_sends_nothing(
    session, officer, floor, django_capture_on_commit_callbacks
):
    brazil = Inscription.objects.get(delegation=floor["brazil"].delegation)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(services.SpeakersListError),
    ):
        services.pause_timer(brazil, officer)
    assert callbacks == []


class Clock:
    """The channel layer's clocks, moved by hand."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    monotonic = time


@pytest.fixture
def clock(monkeypatch):
    import channels.layers

    from config import channel_layers

    clock = Clock()
    monkeypatch.setattr(channels.layers, "time", clock)
    monkeypatch.setattr(channel_layers, "time", clock)
    return clock


def test_a_display_open_for_days_still_gets_every_change(clock):
    layer = ChannelLayerManager().make_backend(DEFAULT_CHANNEL_LAYER)  # as `make run`

    async def follow():
        await layer.group_add("speakers.1.en", "display.room")
        clock.now += 10 * 86400
        await layer.group_send("speakers.1.en", {"type": "speakers.changed", "text": "Brazil"})
        return await asyncio.wait_for(layer.receive("display.room"), 1)

    assert async_to_sync(follow)()["text"] == "Brazil"


def test_a_change_no_page_read_in_time_expires(clock):
    layer = ChannelLayerManager().make_backend(DEFAULT_CHANNEL_LAYER)

    async def late():
        await layer.send("display.gone", {"type": "speakers.changed", "text": "Austria"})
        clock.now += layer.expiry + 1
        await layer.send("display.gone", {"type": "speakers.changed", "text": "Brazil"})
        return await asyncio.wait_for(layer.receive("display.gone"), 1)

    assert async_to_sync(late)()["text"] == "Brazil"


def test_through_redis_a_change_made_in_one_process_reaches_the_pages_of_another(
    tmp_path, settings
):
    settings.CHANNEL_LAYERS = settings_with(tmp_path, DEBUG="1", REDIS_URL=REDIS)["channel_layers"]
    group = f"speakers.{secrets.randbelow(10**9)}.ar"

    async def across():
        manager = ChannelLayerManager()  # each process has its own layer
        here, there = manager.make_backend("default"), manager.make_backend("default")
        pages = [await there.new_channel() for _ in range(2)]
        for page in pages:
            await there.group_add(group, page)
        await here.group_send(group, {"type": "speakers.changed", "text": "Brazil"})
        received = [await asyncio.wait_for(there.receive(page), 5) for page in pages]
        await here.flush()
        await there.flush()
        return received

    assert [message["text"] for message in async_to_sync(across)()] == ["Brazil", "Brazil"]


def _socket(user, slug, language="en"):
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), f"/ws/sessions/{slug}/speakers/{language}/"
    )
    communicator.scope["user"] = user
    return communicator


@pytest.mark.django_db(transaction=True)
def test_the_socket_sends_the_state_at_once_then_every_change(session, officer, floor):
    async def follow():
        communicator = _socket(floor["brazil"].focal_point, session.slug, "fr")
        connected, _ = await communicator.connect()
        assert connected
        first = json.loads(await communicator.receive_from())
        await communicator.send_to(text_data="ignored")  # a page says nothing that counts
        await live_broadcast()
        second = json.loads(await communicator.receive_from())
        await communicator.disconnect()
        return first, second

    from channels.db import database_sync_to_async

    @database_sync_to_async
    def live_broadcast():
        services.give_floor(floor["list"], officer)  # autocommit: sent at once

    first, second = async_to_sync(follow)()
    assert "A la parole" in first["html"] or "Austria" in first["html"].split("floor-next")[0]
    assert "Brazil" in second["html"].split("floor-next")[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["anonymous", "stranger", "bad language"])
def test_the_socket_refuses_who_may_not_follow(session, floor, who):
    user = {"anonymous": AnonymousUser(), "stranger": UserFactory()}.get(
        who, floor["austria"].focal_point
    )
    language = "xx" if who == "bad language" else "en"

    async def follow():
        communicator = _socket(user, session.slug, language)
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    assert async_to_sync(follow)() == (False, 4403)
