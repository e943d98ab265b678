# Django's Chinese formats read well (2026年11月30日); its month-day one pads the month.
MONTH_DAY_FORMAT = "n月j日"

WEEKDAY_DATE_FORMAT = "Y年n月j日 l"  # 2026年11月30日 星期一
SHORT_WEEKDAY_DATE_FORMAT = "n月j日 D"  # 11月30日 星期一
DATE_RANGE_FORMATS = {
    "month": ("Y年n月j日", "至", "j日"),  # 2025年1月27日至31日
    "year": ("Y年n月j日", "至", "n月j日"),
    "other": ("Y年n月j日", "至", "Y年n月j日"),
}
