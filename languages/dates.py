"""Dates for people in the reader's language, beyond Django's named formats: a day
heading, a short day, and a range of days. The patterns are in languages/formats/<lang>."""

import datetime

from django.utils import dateformat, formats, translation

DEFAULT_FORMATS = {
    "WEEKDAY_DATE_FORMAT": "l j F Y",
    "SHORT_WEEKDAY_DATE_FORMAT": "D j M",
    "DATE_RANGE_FORMATS": {
        "month": ("j", "–", "j F Y"),
        "year": ("j F", " – ", "j F Y"),
        "other": ("j F Y", " – ", "j F Y"),
    },
}


def named_format(name: str, language: str | None = None):
    """One of our named formats for this language (the active one by default)."""
    language = language or translation.get_language()
    for module in formats.get_format_modules(language):
        if hasattr(module, name):
            return getattr(module, name)
    return DEFAULT_FORMATS[name]


def weekday_date(value: datetime.date) -> str:
    """A day heading: "Monday 30 November 2026", "2026年11月30日 星期一"."""
    return dateformat.format(value, named_format("WEEKDAY_DATE_FORMAT"))


def short_weekday_date(value: datetime.date) -> str:
    """A day in a table: "Mon 30 Nov", "Пн, 30 ноября"."""
    return dateformat.format(value, named_format("SHORT_WEEKDAY_DATE_FORMAT"))


def date_range(start: datetime.date, end: datetime.date | None) -> str:
    """A range of days as the language writes it: "27–31 January 2025",
    "2025年1月27日至31日"; one day is just that day."""
    if end is None or end == start:
        return formats.date_format(start)
    if (start.year, start.month) == (end.year, end.month):
        key = "month"
    elif start.year == end.year:
        key = "year"
    else:
        key = "other"
    first, separator, last = named_format("DATE_RANGE_FORMATS")[key]
    return f"{dateformat.format(start, first)}{separator}{dateformat.format(end, last)}"
