from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def issue(email: str, *args) -> str:
    out = StringIO()
    call_command("issue_api_token", email, *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_issued_token_authenticates_as_the_user(officer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue(officer.email)}")

    assert client.get("/api/v1/bookings/").status_code == 200


def test_issued_token_expires_after_the_days_given(officer):
    issue(officer.email, "--days", "7")

    token = AuthToken.objects.get(user=officer)
    assert abs(token.expiry - token.created - timedelta(days=7)) < timedelta(minutes=1)


def test_unknown_email_is_refused():
    with pytest.raises(CommandError, match="No active user"):
        issue("nobody@example.org")


def test_revoke_makes_the_token_useless(officer):
    token = issue(officer.email)

    call_command("revoke_api_tokens", officer.email, stdout=StringIO())

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/bookings/").status_code == 401


def test_an_expired_token_is_refused_and_deleted(officer):
    token = issue(officer.email)
    AuthToken.objects.filter(user=officer).update(expiry=timezone.now() - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.get("/api/v1/bookings/").status_code == 401
    assert not AuthToken.objects.filter(user=officer).exists()


def test_a_live_token_works_beside_an_expired_one(officer):
    issue(officer.email)
    AuthToken.objects.filter(user=officer).update(expiry=timezone.now() - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue(officer.email)}")

    assert client.get("/api/v1/bookings/").status_code == 200


def test_tokens_past_their_expiry_are_deleted_daily_and_the_others_kept(officer, delegate):
    from accounts.tasks import delete_expired_api_tokens

    kept, _ = AuthToken.objects.create(user=officer, expiry=timedelta(days=1))
    AuthToken.objects.create(user=delegate, expiry=timedelta(days=1))
    AuthToken.objects.filter(user=delegate).update(expiry=timezone.now() - timedelta(days=1))
    out = StringIO()

    call_command("delete_expired_api_tokens", stdout=out)

    assert out.getvalue().strip() == "1 expired API token(s) deleted."
    assert list(AuthToken.objects.all()) == [kept]
    assert delete_expired_api_tokens.delay().get() == 0  # beat's task: nothing left to do


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_a_token_with_the_right_key_but_a_wrong_secret_is_refused(officer):
    token = issue(officer.email)
    forged = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")

    assert bearer(forged).get("/api/v1/bookings/").status_code == 401


@pytest.mark.parametrize("token", ["ÿÿÿÿÿÿÿÿÿÿÿÿ", "%%%", "x" * 300])
def test_a_token_that_is_not_one_is_refused_not_an_error(token):
    assert bearer(token).get("/api/v1/bookings/").status_code == 401


def test_a_role_taken_away_is_gone_at_the_next_request(officer):
    client = bearer(issue(officer.email))
    assert client.post("/api/v1/checkins/", {}, format="json").status_code == 400

    officer.groups.clear()

    assert client.post("/api/v1/checkins/", {}, format="json").status_code == 403


def test_a_delegate_s_token_is_not_an_officer_s(delegate):
    response = bearer(issue(delegate.email)).post("/api/v1/checkins/", {}, format="json")

    assert response.status_code == 403
