from datetime import date

DAY = date(2025, 1, 27)
ZOOM = "https://zoom.example.org/j/123456?pwd=secret"
