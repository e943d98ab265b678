"""{% load content %}: `{% content session "title" %}` shows a translatable field in the
reader's language; where it falls back to English it is wrapped in `<span lang="en">` (or
the language it was typed in) so that screen readers switch voice.
`{% content_lines sitting "agenda_items" as items %}` gives a one-per-line field's lines,
each marked the same way. Plain text only: not for `<title>`, where the field itself
(which falls back too) is enough."""

from django import template

from languages.content import content_value, marked, marked_content

register = template.Library()


@register.simple_tag
def content(obj, field: str):
    return marked_content(obj, field)


@register.simple_tag
def content_lines(obj, field: str) -> list:
    text, language = content_value(obj, field)
    return [marked(line.strip(), language) for line in (text or "").splitlines() if line.strip()]
