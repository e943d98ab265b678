"""Deploy checks (`manage.py check --deploy`): a site that claims production must not run
on the embedded defaults that exist for development and the demo."""

from django.conf import settings as django_settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def production_services(app_configs, **kwargs) -> list[Error]:
    return check_production_services(django_settings)


def check_production_services(settings) -> list[Error]:
    if settings.DEBUG or not settings.PRODUCTION:
        return []
    errors = []
    if settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            Error(
                "Celery tasks run eagerly in the web process.",
                hint="Set CELERY_BROKER_URL to a Redis or RabbitMQ broker and run workers.",
                id="config.E001",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        errors.append(
            Error(
                "The database is SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="config.E002",
            )
        )
    if settings.SECRET_KEY_IS_DEVELOPMENT_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the generated development key.",
                hint="Set SECRET_KEY in the environment.",
                id="config.E003",
            )
        )
    return errors
