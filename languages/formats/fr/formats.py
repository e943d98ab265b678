# Django's French formats read well (30 novembre 2026, 14:30); ours add the names below.
WEEKDAY_DATE_FORMAT = "l j F Y"  # lundi 30 novembre 2026
SHORT_WEEKDAY_DATE_FORMAT = "D j N"  # lun 30 nov.
DATE_RANGE_FORMATS = {
    "month": ("j", "–", "j F Y"),  # 27–31 janvier 2025
    "year": ("j F", " – ", "j F Y"),
    "other": ("j F Y", " – ", "j F Y"),
}
