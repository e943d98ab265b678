from django.db import migrations

INTERPRETERS = "Interpreters"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=INTERPRETERS)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=INTERPRETERS).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_profile")]
    operations = [migrations.RunPython(create_role, remove_role)]
