"""Personal join links: `/join/<token>`, the token an HMAC-SHA256 (under a key derived
from SECRET_KEY; the MAC cut to 192 bits) of a random 128-bit salt and of whose link it is
(the registration's account and e-mail address). The database keeps the salt and the token's
digest: a copy of it alone gives no working link, and the site can still show a
participant their link (their page, mail, feed) without keeping it. A registration given
to another account or address no longer makes the token its link was made with: that link
is dead, and its new holder is shown a new one (as is the old one, where they still own
the registration by their account or their address). Changing SECRET_KEY changes every link
(participants then find theirs again on their page)."""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse

TOKEN_BYTES = 24


def _key() -> bytes:
    return hashlib.sha256(b"online.join-link:" + settings.SECRET_KEY.encode()).digest()


def new_salt() -> str:
    return secrets.token_hex(16)


def holder(registration) -> str:
    """Whose link it is: the registration's account and address (a migration's historical
    model will do)."""
    return f"{registration.participant_id or ''}:{registration.email.lower()}"


def token(salt: str, holder: str) -> str:
    message = f"{salt}:{holder}".encode()
    mac = hmac.new(_key(), message, hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def digest(value: str) -> str:
    # 192 bits that cannot be guessed need no slow hash.
    return hashlib.sha256(value.encode()).hexdigest()


def url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('online:join', args=[token])}"
