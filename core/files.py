"""Keeping uploaded files in one transaction with the rows that name them. A storage that
fails (a full disk, a bucket out of reach) is a clear refusal that changes nothing, and a
file stored for a change that then fails is deleted again: no file is left that no row
names."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from botocore.exceptions import BotoCoreError, ClientError
from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError

logger = logging.getLogger(__name__)

# What Django's file storage and django-storages' S3 storage raise when they cannot write.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

_stored: ContextVar[list | None] = ContextVar("stored_files", default=None)


class StorageUnavailable(DomainError):
    code = "storage_unavailable"

    def __init__(self) -> None:
        super().__init__(
            _(
                "The file could not be stored just now, so nothing was changed. "
                "Try again in a few minutes."
            )
        )


@contextmanager
def atomic_with_files():
    """A transaction whose newly stored files (store_file()) are deleted again if it fails: its
    rows roll back, and no row would point to them. Nested, the outermost one cleans up."""
    outer = _stored.get()
    stored = [] if outer is None else outer
    token = _stored.set(stored)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        if outer is None:
            _delete(stored)
        raise
    finally:
        _stored.reset(token)


def store_file(field_file, name: str, content) -> None:
    """Keep a file on a model's field (the row is saved by the caller), inside
    atomic_with_files(); a storage that fails refuses with StorageUnavailable."""
    try:
        field_file.save(name, content, save=False)
    except STORAGE_ERRORS as error:
        logger.warning("Storage failed on an upload: %s", error)
        raise StorageUnavailable from error
    if (stored := _stored.get()) is not None:
        stored.append((field_file.storage, field_file.name))


def _delete(stored: list[tuple]) -> None:
    for storage, name in stored:
        try:
            storage.delete(name)
        except STORAGE_ERRORS:
            logger.exception("A file stored for a change that failed stays: %s", name)
