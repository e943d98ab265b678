import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: the web server says at start what the deploy checks find.
from config.checks import log_production_services  # noqa: E402

log_production_services()
