from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('languages', '0001_initial'),
        ('interpretation', '0004_language_moved_to_languages'),
    ]

    operations = [
        migrations.AlterModelTable(name='language', table=None),
    ]
