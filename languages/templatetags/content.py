"""{% load content %}: `{% content session "title" %}` shows a translatable field in the
reader's language; where it falls back to English it is wrapped in `<span lang="en">` (or
the language it was typed in) so that screen readers switch voice.
`{% content_lines sitting "agenda_items" as items %}` gives a one-per-line field's lines,
each marked the same way. Plain text only: not for `<title>`, where the field itself
(which falls back too) is enough."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language_info

from languages.content import content_value

register = template.Library()


def _marked(text: str, language: str | None):
    if language:
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        return format_html('<span lang="{}" dir="{}">{}</span>', language, direction, text)
    return conditional_escape(text)


@register.simple_tag
def content(obj, field: str):
    return _marked(*content_value(obj, field))


@register.simple_tag
def content_lines(obj, field: str) -> list:
    text, language = content_value(obj, field)
    return [_marked(line.strip(), language) for line in (text or "").splitlines() if line.strip()]
