# Django's Arabic formats lack the date-and-time ones (they would fall back to English's
# "N j, Y") and put a comma before the year; the UN writes 30 نوفمبر 2026, 24-hour times.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"

WEEKDAY_DATE_FORMAT = "l j F Y"  # الاثنين 30 نوفمبر 2026
SHORT_WEEKDAY_DATE_FORMAT = "l j F"
DATE_RANGE_FORMATS = {
    "month": ("j", "–", "j F Y"),
    "year": ("j F", " – ", "j F Y"),
    "other": ("j F Y", " – ", "j F Y"),
}
