from django import template

from sessions_app.calendars import google_event_link

register = template.Library()
register.filter("google_event_link", google_event_link)
