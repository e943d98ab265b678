# The list of languages now lives in the `languages` app (same table, same rows).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interpretation', '0003_languagechannel_updated_at_and_more'),
        ('languages', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='languagechannel',
                    name='language',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='languages.language', verbose_name='language'),
                ),
                migrations.DeleteModel(name='Language'),
            ],
            database_operations=[],
        ),
    ]
