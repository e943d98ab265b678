"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`. Its access log masks
the tokens of personal calendar feeds, like Django's own logging."""

import os
import shutil

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


# Metrics (core.metrics): with PROMETHEUS_MULTIPROC_DIR set (an empty folder of this
# machine's, emptied here at start), each worker writes its counts there and a scrape of
# any worker sums them all.
def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
