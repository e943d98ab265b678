"""Interpretation's part in what registration shows an approved participant: how to listen
in their language (registration.hooks)."""

from registration import hooks

from .queries import listening_guides


def listening_guide_notes(registrations) -> dict[int, hooks.Guide]:
    return {
        pk: hooks.Guide("interpretation/_listening_guide", {"guide": guide})
        for pk, guide in listening_guides(registrations).items()
    }


def connect() -> None:
    # The guide shows the session's interpretation set-up (saving a channel touches the
    # session, which the feed's version already follows).
    hooks.add_guide_provider(listening_guide_notes, ("session__interpretation__updated_at",))
