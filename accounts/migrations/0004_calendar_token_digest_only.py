"""The plain calendar tokens go (apart from 0003, in its own transaction: PostgreSQL does
not alter a table with pending trigger events from the rows 0003 wrote)."""

from django.db import migrations, models


def forget_tokens(apps, schema_editor):
    # Going back: a plain token cannot be rebuilt from its digest, so none is kept.
    apps.get_model("accounts", "CalendarFeedToken").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_calendar_token_digest"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="calendarfeedtoken",
            name="token",
        ),
        migrations.AlterField(
            model_name="calendarfeedtoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.RunPython(migrations.RunPython.noop, forget_tokens),
    ]
