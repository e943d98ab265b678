"""Settings read from the environment; every service has an embedded default that needs
nothing running (SQLite, eager Celery tasks, local-memory cache, console e-mail)."""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_guid.integrations import CeleryIntegration

from config import storage
from languages.official import INTERFACE_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The site claims production: the deploy checks in config/checks.py then refuse the
# embedded defaults (SQLite, eager tasks, the development key).
PRODUCTION = env_bool("PRODUCTION", default=not DEBUG)


def _development_secret_key() -> str:
    """A random key kept in var/ so that sessions survive a restart of `make run`."""
    path = VAR_DIR / "development-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_IS_DEVELOPMENT_KEY = not SECRET_KEY
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (a generated development key is used only "
            "when DEBUG is on)."
        )
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First: `runserver` then serves the ASGI application, live pages included.
    "daphne",
    # Before the admin, which it extends (translated fields side by side).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_guid",
    "post_office",
    "core",
    "config.apps.ConfigConfig",
    "languages",
    "accounts",
    "sessions_app",
    "registration",
    "interpretation",
    "badges",
    "documents",
    "online",
    "proceedings",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django_guid.middleware.guid_middleware",
    "core.middleware.RequestLog",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.OfficerSecondFactorMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Registration and upload views are rate-limited per user (django-ratelimit, in the cache).
RATELIMIT_VIEW = "accounts.views.rate_limited"
REGISTRATION_RATE = os.environ.get("REGISTRATION_RATE", "30/m")
# Each invitation mails someone: a focal point sends a few, not a stream.
INVITATION_RATE = os.environ.get("INVITATION_RATE", "20/h")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
# The live pages (proceedings.live) need the ASGI application: `make run` serves it, and in
# production an ASGI server (README, "Running the meeting live").
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "accounts.context_processors.entrance",
                "core.cache.context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # A connection kept for a minute is checked before a request uses it: after a restart
    # of the database, the next request reconnects instead of failing.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, which serialises every
                # check-then-insert (room bookings, seats) on SQLite.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not memory: the race tests run threads with their own connections.
            "TEST": {"NAME": str(VAR_DIR / "test-db.sqlite3")},
        }
    }
# Queries counted for the metrics (core.metrics): django-prometheus's wrappers of Django's
# own backends.
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends."
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# Production needs a cache that every web process shares (a deploy check refuses the
# local-memory one): allauth's and the API's rate limits are counted there.
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL:
    # A cache that is down is a miss (core.cache), found down within a second.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    # A real cache, not the dummy one: allauth keeps its rate limits here.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Room for the rendered events of the calendar feeds (the default is 300).
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# --- Metrics (core.metrics) -------------------------------------------------------------
# Read with `Authorization: Bearer METRICS_TOKEN`, or from these networks (comma-separated
# addresses or CIDR blocks: the monitoring system's); with neither, by nobody.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_NETWORKS = [
    ipaddress.ip_network(block.strip())
    for block in os.environ.get("METRICS_NETWORKS", "").split(",")
    if block.strip()
]
# With several processes a machine's counts go to files in PROMETHEUS_MULTIPROC_DIR from
# a process's first request or query, so the folder must exist (config/gunicorn.py
# empties it when gunicorn starts).
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

# --- Channels: live pages ---------------------------------------------------------------
# In memory by default (one process: `make run`); Redis when REDIS_URL is set, so that a
# change made by any process reaches the pages connected to every other. The Redis layer
# is its publish-subscribe one: a change to a session's pages crosses Redis once per
# process, which hands it to its own pages, whereas the list-based layer queues a copy
# per page and drops those beyond its capacity.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "config.channel_layers.InMemoryLayer",
            # A page leaves its group when its socket closes; a room's display stays open
            # for the days a session lasts, past the layer's default day of membership.
            "CONFIG": {"group_expiry": 366 * 86400},
        }
    }

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# A request that queues work does not wait on a broker that is down: the work is in the
# outbox (core.outbox), handed over again by the relay.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Publishing tries the connection once more at once, not for broker_connection_timeout.
    "max_retries": 1,
    "interval_start": 0,
}
# `celery -A config beat` runs these; each is also a management command, for sites that
# run cron instead (no broker): `send_reminders` every 5 to 10 minutes (each reminder is
# sent once however often it runs), `purge_personal_data` and `delete_expired_api_tokens`
# daily. The times are UTC.
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {"task": "core.tasks.relay_outbox", "schedule": 15.0},  # outbox.RELAY_SECONDS
    "mail-delivery": {"task": "core.tasks.deliver_mail", "schedule": 15.0},
    "online-reminders": {"task": "online.tasks.send_reminders", "schedule": 300.0},
    "personal-data-purge": {
        "task": "registration.tasks.purge_personal_data",
        "schedule": crontab(hour=2, minute=30),
    },
    "expired-api-tokens": {
        "task": "accounts.tasks.delete_expired_api_tokens",
        "schedule": crontab(hour=2, minute=45),
    },
}

# --- E-mail ---------------------------------------------------------------------------
# Every mail is first kept in the database, in the transaction of the change it tells of
# (core.mail), then sent by a worker through MAIL_DELIVERY_BACKEND, tried again with
# back-off while the server refuses.
EMAIL_BACKEND = "core.mail.QueueBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 30  # a relay that hangs fails the attempt instead of the worker
else:
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address in mail and calendar links.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Meetings Secretariat <meetings@localhost>"
)
# Whom participants write to (online participants' guide); the sender above by default.
SECRETARIAT_EMAIL = os.environ.get("SECRETARIAT_EMAIL", "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts (django-allauth) --------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Back to the page the person started from after signing up: the confirmation link logs
# them in when opened in the same browser, and carries `next` (accounts.adapter).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "UN Meetings"
# Conference officers must add a TOTP second factor before using the console.
# On in production, off for the demo (`make run` sets it to 0).
MFA_REQUIRED_FOR_OFFICERS = env_bool("MFA_REQUIRED_FOR_OFFICERS", default=not DEBUG)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(days=int(os.environ.get("API_TOKEN_DAYS", "180"))),
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "UN Meetings API",
    "DESCRIPTION": "Sessions, sittings, rooms and bookings of intergovernmental meetings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that several fields share, named once.
    "ENUM_NAME_OVERRIDES": {
        "OfficialLanguageEnum": "languages.official.OFFICIAL_LANGUAGES",
        "DocumentStatusEnum": "documents.models.Document.Status",
        "DocumentKindEnum": "documents.models.Document.Kind",
        "ContributionStateEnum": "documents.models.Contribution.State",
        "StateEnum": "registration.models.Registration.State",
        "ParticipationModeEnum": "sessions_app.models.ParticipationMode",
        "StatementKindEnum": "proceedings.models.Inscription.Kind",
    },
}

# --- Internationalisation: the six official languages of the United Nations -----------
LANGUAGE_CODE = "en"
LANGUAGES = INTERFACE_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content typed by the Secretariat (titles, agenda items, rooms) in the six languages: one
# column per language (django-modeltranslation); a missing translation shows the English,
# or, for text first typed in another language, that language: never a blank.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (
    "en",
    *(code for code in MODELTRANSLATION_LANGUAGES if code != "en"),
)
TIME_ZONE = "Europe/Vienna"
USE_I18N = True
USE_TZ = True
# Dates as each language writes them (Russian "30 ноября 2026 г.", Chinese "2026年11月30日").
FORMAT_MODULE_PATH = ["languages.formats"]

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
NOMINATION_MAX_BYTES = int(os.environ.get("NOMINATION_MAX_MB", "10")) * 2**20
PHOTO_MAX_BYTES = 5 * 2**20
# A personal join link leads to the platform from this many minutes before a sitting.
JOIN_OPENS_MINUTES_BEFORE = int(os.environ.get("JOIN_OPENS_MINUTES_BEFORE", "30"))
# A personal join link opened from this many places (address start and browser) is shown
# to officers: it may have been passed on.
JOIN_MANY_PLACES = int(os.environ.get("JOIN_MANY_PLACES", "3"))
# A document's language version or a written contribution's file (PDF or DOCX).
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_MB", "20")) * 2**20
# A set of documents uploaded at once is checked whole in memory before anything is kept.
DOCUMENT_SET_MAX_FILES = int(os.environ.get("DOCUMENT_SET_MAX_FILES", "60"))
DOCUMENT_SET_MAX_BYTES = int(os.environ.get("DOCUMENT_SET_MAX_MB", "200")) * 2**20
# A focal point invitation's link works for this many days.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# A sheet of members (CSV or Excel) larger than this is refused unread: 500 rows fit in far less.
SHEET_MAX_BYTES = int(os.environ.get("SHEET_MAX_KB", "2048")) * 2**10
# How often calendar apps should fetch the feeds again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
CALENDAR_REFRESH_MINUTES = int(os.environ.get("CALENDAR_REFRESH_MINUTES", "60"))
# `purge_personal_data` removes identity documents, photos and notes verbales of sessions
# that ended more than this many days ago.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "90"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 2**20
STORAGE_URL = os.environ.get("STORAGE_URL", "")
STORAGES = {
    # The kept files: the local disk, or a bucket shared by every machine (config.storage).
    "default": storage.from_url(STORAGE_URL),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# HTTPS only in production: the redirect and HSTS (a year). Behind a proxy that does both
# itself, set SECURE_SSL_REDIRECT=0 and SECURE_HSTS_SECONDS=0.
HTTPS_ONLY = PRODUCTION and not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS_ONLY)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer's health probes come over plain HTTP from inside (core.health).
SECURE_REDIRECT_EXEMPT = [r"^health/"]
# How many proxies of ours stand in front (each adds to X-Forwarded-For): the client's
# address is read there, not from REMOTE_ADDR, by allauth's and the API's rate limits
# and by the record of where a join link was opened. 0: the header is not trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if HTTPS_ONLY else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp), in development too: scripts and styles come from
# our own static files only, no inline script, style block or style attribute. Images may
# be data: URIs (the QR code of allauth's TOTP set-up page). Django's debug pages (404 and
# 500 with DEBUG on) go without it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Every line carries the id of the request it belongs to (django-guid; "-" outside one),
# which the request's response returns in X-Request-ID and its Celery tasks carry to the
# workers. LOG_FORMAT=json: one JSON object a line, for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_feed_tokens": {"()": "config.log_filters.MaskFeedTokens"},
        "request_id": {"()": "config.log_filters.RequestId"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_feed_tokens", "request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Eager tasks would log every run; workers log their own.
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},  # an id made for each request without one
        # Django's own loggers (requests, runserver's request lines) through the same
        # handler, so that feed tokens are masked there too.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}
