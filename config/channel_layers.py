"""The channel layer of a single process (`make run`): Channels' in-memory layer, which
drops expired messages and group memberships by walking every channel and membership at
each receive, so a change sent to n open pages costs n² steps: with 2,000 displays, most
of a second (bench/speakers_live.py). Here that walk runs at most once a second."""

import time

from channels.layers import InMemoryChannelLayer

CLEAN_EVERY = 1.0  # seconds


class InMemoryLayer(InMemoryChannelLayer):
    _cleaned = float("-inf")

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._cleaned >= CLEAN_EVERY:
            self._cleaned = now
            super()._clean_expired()
