"""A TOTP authenticator for a test user, and its current code, as an authenticator app
would show it."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's


def add_totp(user) -> str:
    """Sets up a TOTP authenticator for the user; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def log_in_with_totp(client, user, secret: str, next_url: str = "/") -> None:
    """Signs in through allauth's pages: the password, then the code."""
    client.post(f"/accounts/login/?next={next_url}", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.session.get("_auth_user_id") == str(user.pk), response
