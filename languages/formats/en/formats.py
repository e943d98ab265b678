# As the UN writes English: day before month, 24-hour times.
DATE_FORMAT = "j F Y"  # 30 November 2026
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"  # 30 Nov 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"

WEEKDAY_DATE_FORMAT = "l j F Y"  # Monday 30 November 2026
SHORT_WEEKDAY_DATE_FORMAT = "D j M"  # Mon 30 Nov
DATE_RANGE_FORMATS = {
    "month": ("j", "–", "j F Y"),  # 27–31 January 2025
    "year": ("j F", " – ", "j F Y"),  # 27 January – 2 February 2025
    "other": ("j F Y", " – ", "j F Y"),
}
