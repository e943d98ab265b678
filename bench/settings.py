"""Settings for bench/registration_burst.py: the project's own, plus a floor view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The bench measures registration, not printing 500 mails to the console.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
