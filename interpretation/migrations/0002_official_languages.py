from django.db import migrations

OFFICIAL = [("ar", "Arabic"), ("zh", "Chinese"), ("en", "English"), ("fr", "French"),
            ("ru", "Russian"), ("es", "Spanish")]


def load(apps, schema_editor):
    Language = apps.get_model("interpretation", "Language")
    for order, (code, name) in enumerate(OFFICIAL, start=1):
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "is_official": True, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("interpretation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
