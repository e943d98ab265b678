"""Personal join links: `/join/<token>`, the token an HMAC-SHA256 of a random 128-bit salt
under a key derived from SECRET_KEY, cut to 192 bits. The database keeps the salt and the
token's digest: a copy of it alone gives no working link, and the site can still show a
participant their link (their page, mail, feed) without keeping it. Changing SECRET_KEY
changes every link (participants then find theirs again on their page)."""

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


def token(salt: str) -> str:
    mac = hmac.new(_key(), salt.encode(), hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def digest(value: str) -> str:
    # 192 bits that cannot be guessed need no slow hash.
    return hashlib.sha256(value.encode()).hexdigest()


def path(salt: str) -> str:
    return reverse("online:join", args=[token(salt)])


def url(salt: str) -> str:
    return f"{settings.SITE_URL}{path(salt)}"
