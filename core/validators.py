"""Checks of text that people type, put on model fields so that every door (the pages, the
API, the admin, a sheet import) obeys them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embeddings, overrides and isolates make a browser or a badge show the letters after them
# in another order ("\u202egnp.exe" shows as "exe.png"). The marks U+200E, U+200F and
# U+061C are left alone: they cannot reorder letters, and Arabic keyboards type them.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Line breaks (also U+2028, U+2029) and other control characters: not in one line of text.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """One line of text, as a name or a title is: no line break or other control
    character, no character that reorders the text shown after it."""
    if DIRECTION_CONTROLS.search(value):
        raise ValidationError(
            _(
                "Remove the invisible direction characters (such as U+202E): they change "
                "the order in which the text is shown."
            ),
            code="direction_control",
        )
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Write this on one line, without line breaks or control characters."),
            code="control_character",
        )


WEB_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


def validate_no_web_link(value: str) -> None:
    """No web link: for text mailed to many people, which cannot be taken back."""
    if WEB_LINK.search(value):
        raise ValidationError(
            _(
                "Put no web link here: this text is mailed and cannot be taken back. The "
                "platform's link goes in the session's meeting link (Online participation), "
                "which each participant reaches through their own personal link."
            ),
            code="web_link",
        )


def key_number(value) -> int:
    """An id sent by a page or a client: a number that a key can hold, or 0 (which names
    nothing, and which no database refuses to compare)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0
