"""{% load localdates %}: `{{ day|weekday_date }}`, `{{ day|short_weekday_date }}` and
`{{ start|date_range:end }}` in the reader's language (see languages.dates)."""

from django import template
from django.utils.timezone import template_localtime

from languages import dates

register = template.Library()


@register.filter(expects_localtime=True)
def weekday_date(value):
    return dates.weekday_date(value) if value else ""


@register.filter(expects_localtime=True)
def short_weekday_date(value):
    return dates.short_weekday_date(value) if value else ""


@register.filter(expects_localtime=True)
def date_range(start, end=None):
    return dates.date_range(start, template_localtime(end)) if start else ""
