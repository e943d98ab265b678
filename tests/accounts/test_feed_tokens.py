"""Calendar feed tokens are stored as digests, as API tokens are: the plain token exists only
in the link shown when it is made."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import feed_tokens
from accounts.models import CalendarFeedToken
from tests.factories import OfficerFactory, UserFactory


@pytest.mark.django_db
def test_the_token_is_not_stored():
    user = UserFactory()

    token = feed_tokens.replace_token(user)

    stored = CalendarFeedToken.objects.filter(user=user).values().get()
    assert all(token not in str(value) for value in stored.values())


@pytest.mark.django_db
def test_the_token_finds_its_user_and_its_digest_does_not():
    user = UserFactory()
    token = feed_tokens.replace_token(user)

    assert feed_tokens.user_for(token) == user
    assert feed_tokens.user_for(CalendarFeedToken.objects.get(user=user).digest) is None


@pytest.mark.django_db
def test_a_replaced_token_finds_nobody():
    user = UserFactory()
    old = feed_tokens.replace_token(user)

    feed_tokens.replace_token(user)

    assert feed_tokens.user_for(old) is None


@pytest.mark.django_db
def test_whether_a_user_has_a_token():
    user = UserFactory()
    assert not feed_tokens.has_token(user)

    feed_tokens.replace_token(user)

    assert feed_tokens.has_token(user)


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_the_tokens_of_links_already_subscribed(client):
    before = ("accounts", "0002_calendar_feed_token")
    subscribed = "subscribed-before-the-change-0123456789abcdef"
    officer = OfficerFactory()
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    old_apps.get_model("accounts", "CalendarFeedToken").objects.create(
        user_id=officer.pk, token=subscribed
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert feed_tokens.user_for(subscribed) == officer
    stored = CalendarFeedToken.objects.filter(user=officer).values().get()
    assert all(subscribed not in str(value) for value in stored.values())
