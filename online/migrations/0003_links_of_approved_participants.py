"""Every registration approved online before links were made gets its personal link, so
that pages, mails, feeds and the API only read links."""

from django.db import migrations


def make_links(apps, schema_editor):
    from online import links

    Registration = apps.get_model("registration", "Registration")
    JoinLink = apps.get_model("online", "JoinLink")
    missing = Registration.objects.filter(
        state="approved", participation_mode="online", join_link__isnull=True
    ).only("pk", "participant", "email")
    made = []
    for registration in missing.iterator():
        salt = links.new_salt()
        token = links.token(salt, links.holder(registration))
        made.append(JoinLink(registration=registration, salt=salt, digest=links.digest(token)))
    JoinLink.objects.bulk_create(made, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("online", "0002_reminders"),
        ("registration", "0010_entity_names_in_columns"),
    ]

    operations = [migrations.RunPython(make_links, migrations.RunPython.noop)]
