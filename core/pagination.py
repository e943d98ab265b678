"""The API's pages: `?limit=` and `?offset=` as DRF reads them, with a largest page."""

from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """A limit past the largest page, however large, gets the largest page; one that is
    not a positive number gets the default (PAGE_SIZE). Without a cap, a limit past the
    database's integers answered 500."""

    max_limit = 1000
