"""Focal point invitations keep only the hash of their token: links already mailed keep
working (until they expire), since their tokens are hashed here."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    DelegationInvitation = apps.get_model("registration", "DelegationInvitation")
    for invitation in DelegationInvitation.objects.only("pk", "token"):
        invitation.token_hash = hashlib.sha256(invitation.token.encode()).hexdigest()
        invitation.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0007_single_line_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="delegationinvitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="delegationinvitation", name="token"),
        migrations.AlterField(
            model_name="delegationinvitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
