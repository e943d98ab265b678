"""Date and time formats per interface language (settings.FORMAT_MODULE_PATH).

Each module sets only what Django's own formats for that language get wrong for our
readers, plus three names of ours that `languages.dates` reads:
- WEEKDAY_DATE_FORMAT: a day heading, "Monday 30 November 2026";
- SHORT_WEEKDAY_DATE_FORMAT: a day in a table, "Mon 30 Nov";
- DATE_RANGE_FORMATS: a range of days, "27–31 January 2025", as
  {"month" | "year" | "other": (format of the first day, separator, format of the last)}.
"""
