"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`. Its access log masks
the tokens of personal calendar feeds, like Django's own logging."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
accesslog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_feed_tokens": {"()": "config.log_filters.MaskFeedTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_feed_tokens"]},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
