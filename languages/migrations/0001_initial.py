# The list of languages moved here from interpretation, below every app that uses it. The
# table is interpretation's until 0002 renames it: no row moves.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('interpretation', '0003_languagechannel_updated_at_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Language',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=16, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=80, verbose_name='name')),
                        ('is_official', models.BooleanField(default=False, verbose_name='official language of the United Nations')),
                        ('is_signed', models.BooleanField(default=False, help_text='Signed languages are interpreted on the floor or on screen, not in a booth.', verbose_name='sign language')),
                        ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                    ],
                    options={
                        'verbose_name': 'language',
                        'verbose_name_plural': 'languages',
                        'ordering': ['order', 'name'],
                        'db_table': 'interpretation_language',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
