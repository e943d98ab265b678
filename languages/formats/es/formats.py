# Django's Spanish formats read well (30 de noviembre de 2026); ours add the names below.
WEEKDAY_DATE_FORMAT = r"l j \d\e F \d\e Y"  # lunes 30 de noviembre de 2026
SHORT_WEEKDAY_DATE_FORMAT = "D j N"  # lun 30 nov.
DATE_RANGE_FORMATS = {
    "month": ("j", "–", r"j \d\e F \d\e Y"),  # 27–31 de enero de 2025
    "year": (r"j \d\e F", " – ", r"j \d\e F \d\e Y"),
    "other": (r"j \d\e F \d\e Y", " – ", r"j \d\e F \d\e Y"),
}
