"""Settings read the environment: each case starts a fresh interpreter with its own
environment, since settings are read once per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Loading the WSGI application, as gunicorn and runserver do.
PRINT = (
    "import json, config.wsgi; from django.conf import settings; "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'email': settings.EMAIL_BACKEND, "
    "'delivery': settings.MAIL_DELIVERY_BACKEND, "
    "'options': settings.DATABASES['default'].get('OPTIONS', {}), "
    "'ssl_redirect': settings.SECURE_SSL_REDIRECT, 'hsts': settings.SECURE_HSTS_SECONDS, "
    "'csp': settings.CONTENT_SECURITY_POLICY['DIRECTIVES'], "
    "'channel_layers': settings.CHANNEL_LAYERS, 'storage': settings.STORAGES['default']}, "
    "default=str))"
)


def run_with(tmp_path, program: str, **env) -> subprocess.CompletedProcess:
    """Run `program` in a fresh interpreter with the settings of `env` and nothing else
    from this one's services."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "STORAGE_URL",
            "EMAIL_HOST",
            "SECRET_KEY",
            "DEBUG",
            "SITE_URL",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
        }
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": str(tmp_path)} | env
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def settings_with(tmp_path, **env) -> dict:
    result = run_with(tmp_path, PRINT, **env)
    assert result.returncode == 0 or env.get("DEBUG") != "1", result.stderr
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout) | {"log": result.stderr}


def test_defaults_need_nothing_running(tmp_path):
    found = settings_with(tmp_path, DEBUG="1")

    assert found["engine"] == "django_prometheus.db.backends.sqlite3"
    assert found["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in found["options"]["init_command"]
    assert found["eager"] is True
    assert found["cache"].endswith("LocMemCache")
    assert (found["email"], found["delivery"]) == (
        "core.mail.QueueBackend",
        "django.core.mail.backends.console.EmailBackend",
    )


def test_services_come_from_the_environment(tmp_path):
    found = settings_with(
        tmp_path,
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/meetings",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
        REDIS_URL="redis://127.0.0.1:6379/2",
        EMAIL_HOST="smtp.example.org",
    )

    assert found["engine"] == "django_prometheus.db.backends.postgresql"  # counts queries
    assert (found["eager"], found["broker"]) == (False, "redis://127.0.0.1:6379/1")
    assert found["cache"] == "core.cache.ForgivingRedisCache"
    assert (found["email"], found["delivery"]) == (
        "core.mail.QueueBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    )


def test_without_debug_a_secret_key_is_required(tmp_path):
    found = settings_with(tmp_path, DEBUG="0")

    assert "Set SECRET_KEY" in found["error"]


def test_with_debug_a_development_key_is_generated_and_kept(tmp_path):
    settings_with(tmp_path, DEBUG="1")

    assert len((tmp_path / "development-secret-key").read_text()) >= 50


def test_production_redirects_to_https_and_sends_hsts(tmp_path):
    found = settings_with(tmp_path, DEBUG="0", SECRET_KEY="x" * 50)

    assert found["ssl_redirect"] is True
    assert found["hsts"] >= 365 * 24 * 3600


def test_behind_a_proxy_that_does_both_they_can_be_turned_off(tmp_path):
    found = settings_with(
        tmp_path, DEBUG="0", SECRET_KEY="x" * 50, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0"
    )

    assert (found["ssl_redirect"], found["hsts"]) == (False, 0)


def test_development_serves_plain_http(tmp_path):
    found = settings_with(tmp_path, DEBUG="1")

    assert (found["ssl_redirect"], found["hsts"]) == (False, 0)


def test_the_content_security_policy_allows_no_inline_script_or_style(tmp_path):
    directives = settings_with(tmp_path, DEBUG="0", SECRET_KEY="x" * 50)["csp"]

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_the_web_server_says_at_start_what_the_deploy_checks_find(tmp_path):
    log = settings_with(tmp_path, DEBUG="0", SECRET_KEY="x" * 50)["log"]

    assert "(config.W001) SITE_URL is http://127.0.0.1:8000" in log
    assert "(config.E004)" in log


def test_the_web_server_with_its_services_says_nothing(tmp_path):
    found = settings_with(
        tmp_path,
        DEBUG="0",
        SECRET_KEY="x" * 50,
        SITE_URL="https://meetings.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/meetings",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
        REDIS_URL="redis://127.0.0.1:6379/2",
    )

    assert "config." not in found["log"]


def test_a_package_install_holds_every_package_of_ours():
    """A non-editable install (pip install .) ships the packages pyproject.toml includes."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[2]
    include = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
    ours = {
        path.parent.name
        for path in root.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }

    left_out = {name for name in ours if not any(fnmatch.fnmatch(name, p) for p in include)}
    assert left_out == set()
