from django import template

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as the timer shows them: "4:05", "−0:30" once over the limit."""
    seconds = int(seconds or 0)
    sign = "\u2212" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


@register.filter
def epoch_ms(moment) -> str:
    """A time as milliseconds since 1970, for the page's timer ("" for none)."""
    return str(round(moment.timestamp() * 1000)) if moment else ""
