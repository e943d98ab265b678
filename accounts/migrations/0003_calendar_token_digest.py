"""Calendar feed tokens are kept as digests: the digest of each token already made is
written here, so that the links already subscribed keep working."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    CalendarFeedToken = apps.get_model("accounts", "CalendarFeedToken")
    for feed in CalendarFeedToken.objects.all():
        # as accounts.feed_tokens.digest
        feed.digest = hashlib.sha256(feed.token.encode()).hexdigest()
        feed.save(update_fields=["digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_calendar_feed_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeedtoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
