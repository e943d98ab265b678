"""A badge photo kept while the form around it has errors, so that the person need not
upload it again. The checked, re-encoded JPEG waits in the storage under a random name;
the form carries a signed token naming it (and the person), and it is deleted once used
or after a day."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.files import STORAGE_ERRORS

logger = logging.getLogger(__name__)

FOLDER = "kept-photos"
MAX_AGE = timedelta(days=1)
SALT = "registration.kept-photo"


@dataclass(frozen=True)
class KeptPhoto:
    token: str
    name: str  # the name of the file the person chose, to show them
    stored_name: str

    def content(self) -> ContentFile:
        with default_storage.open(self.stored_name, "rb") as stored:
            return ContentFile(stored.read(), name="photo.jpg")

    def delete(self) -> None:
        """Best effort: one left behind goes with the others a day old (delete_stale)."""
        try:
            default_storage.delete(self.stored_name)
        except STORAGE_ERRORS as error:
            logger.warning("A kept photo stays until the daily purge: %s", error)


def keep(photo: ContentFile, original_name: str, user) -> KeptPhoto | None:
    """Store a checked photo for a day, in place of any this user kept before (one photo a
    person, however many forms they leave); the token is for this user only. None while
    the storage fails: the form then asks for the photo again."""
    try:
        _folders, files = _listing()
        for name in files:
            if name.startswith(f"{user.pk}-"):
                default_storage.delete(f"{FOLDER}/{name}")
        stored_name = default_storage.save(
            f"{FOLDER}/{user.pk}-{secrets.token_urlsafe(24)}.jpg", photo
        )
    except STORAGE_ERRORS as error:
        logger.warning("A photo could not be kept for the form shown again: %s", error)
        return None
    token = signing.dumps({"file": stored_name, "name": original_name, "user": user.pk}, salt=SALT)
    return KeptPhoto(token, original_name, stored_name)


def find(token: str, user) -> KeptPhoto | None:
    """The photo a token names, if it is this user's, young enough and still stored."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    stored_name = data.get("file", "")
    if data.get("user") != user.pk or not stored_name.startswith(f"{FOLDER}/"):
        return None
    try:
        if not default_storage.exists(stored_name):
            return None
    except STORAGE_ERRORS:
        return None
    return KeptPhoto(token, str(data.get("name", "")), stored_name)


def delete_stale() -> None:
    """Photos kept for forms that were left: gone after a day (the daily purge of personal
    data calls this)."""
    _folders, files = _listing()
    cutoff = timezone.now() - MAX_AGE
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def _listing() -> tuple[list[str], list[str]]:
    try:
        return default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return [], []
