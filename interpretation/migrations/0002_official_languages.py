from django.db import migrations

from languages.official import OFFICIAL


def load(apps, schema_editor):
    Language = apps.get_model("interpretation", "Language")
    for order, language in enumerate(OFFICIAL, start=1):
        Language.objects.update_or_create(
            code=language.code,
            defaults={"name": language.english_name, "is_official": True, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("interpretation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
