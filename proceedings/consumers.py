"""The live pages' WebSocket: a display or a console of a session's lists of speakers, in
one of the six languages. It answers with the current state at once (so a page that
reconnects after a drop shows it), then with every change (proceedings.live)."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from languages.official import OFFICIAL_LANGUAGE_CODES
from sessions_app.models import Session

from . import live, services

REFUSED = 4403  # the close code of a socket that may not follow the session


class SpeakersConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        language = kwargs["language"]
        state = None
        if language in OFFICIAL_LANGUAGE_CODES:
            state = await database_sync_to_async(self._state)(kwargs["slug"], language)
        if state is None:
            await self.close(code=REFUSED)
            return
        session_id, text = state
        self.group = live.group_name(session_id, language)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send(text_data=text)

    def _state(self, slug: str, language: str):
        session = Session.objects.filter(slug=slug).first()
        if session is None or not services.may_follow(self.scope["user"], session):
            return None
        return session.pk, live.message(session, language)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def dispatch(self, message):
        # Channels closes stale database connections in a thread before each handler; a
        # change carries its text and needs no database, and that hop, one per page and
        # change, was half the time a change took to reach the last of 2,000 pages.
        if message["type"] == "speakers.changed":
            await self.send(text_data=message["text"])
        else:
            await super().dispatch(message)
