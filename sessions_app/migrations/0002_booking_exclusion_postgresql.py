"""On PostgreSQL, two live bookings of one room never overlap: an exclusion constraint over
the blocked range (set-up and clear-down included). btree_gist lets the GiST index compare
the room id with `=`. SQLite has neither; there the booking service's IMMEDIATE transaction
holds the rule."""

from django.db import migrations

CONSTRAINT = "booking_room_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("sessions_app", "Booking")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE {table} ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist ("
        "room_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&"
        ") WHERE (status IN ('held', 'confirmed'))"
    )


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("sessions_app", "Booking")._meta.db_table
    schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0001_initial")]
    operations = [migrations.RunPython(add_constraint, remove_constraint)]
