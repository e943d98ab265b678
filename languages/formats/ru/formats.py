# Django's Russian formats use the genitive month (E): 30 ноября 2026 г.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"

WEEKDAY_DATE_FORMAT = "l, j E Y г."  # Понедельник, 30 ноября 2026 г.
SHORT_WEEKDAY_DATE_FORMAT = "D, j E"  # Пн, 30 ноября
DATE_RANGE_FORMATS = {
    "month": ("j", "–", "j E Y г."),  # 27–31 января 2025 г.
    "year": ("j E", " – ", "j E Y г."),
    "other": ("j E Y г.", " – ", "j E Y г."),
}
