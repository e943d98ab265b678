"""The migration that makes content translatable keeps what was typed: each value is
copied into the English column, so existing sessions show as before in every language."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sessions_app.models import Session

BEFORE = ("sessions_app", "0007_single_line_text")


@pytest.mark.django_db(transaction=True)
def test_existing_titles_are_copied_into_the_english_column():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    series = old_apps.get_model("sessions_app", "Series").objects.create(
        name="Expert group on reducing reoffending", short_name="IEG", slug="ieg"
    )
    old_apps.get_model("sessions_app", "Session").objects.create(
        series=series,
        title="Second meeting of the expert group",
        short_name="IEG-2",
        slug="ieg-2",
        start_date="2025-01-27",
        end_date="2025-01-31",
        format="in_person",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Session.objects.values_list("title_en", flat=True).get() == (
        "Second meeting of the expert group"
    )
