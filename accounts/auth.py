"""API authentication: knox's bearer tokens."""

from django.utils import timezone
from django.utils.translation import gettext as _
from knox import auth
from knox.models import AuthToken
from knox.signals import token_expired
from rest_framework.exceptions import AuthenticationFailed


class TokenAuthentication(auth.TokenAuthentication):
    """knox's, without reading all the user's other tokens on every request to delete the
    expired ones: a token is refused, and deleted, when it is presented after its expiry.
    One query per authenticated request instead of two."""

    def authenticate_credentials(self, token: bytes):
        # knox answered a header that is not UTF-8 with a 500.
        try:
            token.decode()
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(_("Invalid token.")) from error
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(sender=type(self), username=username, source="auth_token")
        return True


def delete_expired_tokens() -> int:
    """Delete the tokens past their expiry that nobody presented since (daily, beat or
    cron): they no longer work, and each names its user."""
    count, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return count
