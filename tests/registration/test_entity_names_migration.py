"""The migration that moves organisations' names into one column per language keeps them:
the English name into `name_en`, each other name into its column ("zh" into
`name_zh_hans`), and States keep only their English name."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from registration.models import Entity

BEFORE = ("registration", "0009_entity_names")


@pytest.fixture
def migrated():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    old_entity = old_apps.get_model("registration", "Entity")
    old_entity.objects.create(
        kind="un_entity",
        name="World Health Organization",
        names={"fr": "Organisation mondiale de la Santé", "zh": "世界卫生组织"},
    )
    old_entity.objects.create(kind="member_state", name="Austria", code="AUT")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    return {entity.name_en: entity for entity in Entity.objects.all()}


@pytest.mark.django_db(transaction=True)
def test_an_organisations_names_are_copied_into_their_columns(migrated):
    who = migrated["World Health Organization"]

    assert (who.name_fr, who.name_zh_hans, who.name_ru) == (
        "Organisation mondiale de la Santé",
        "世界卫生组织",
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_a_states_english_name_is_copied_and_no_other(migrated):
    austria = migrated["Austria"]

    assert (austria.name_en, austria.name_fr, austria.name_ar) == ("Austria", None, None)
