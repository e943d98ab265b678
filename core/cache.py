"""The shared cache when it is down: a miss, logged, never an error page. Pages, feeds and
the API then answer from the database. What the cache guards must not fail open, though:
a rate limit that cannot count refuses (django-ratelimit and allauth already do, on a
miss of their lock or counter), and `failing()` tells the page or the API why."""

import functools
import logging
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY = 10  # seconds: one line per process while the cache stays down


def _forgiving(miss):
    """A cache operation that answers `miss` (or raises ValueError, for incr) when Redis
    cannot be reached."""

    def wrap(operation):
        @functools.wraps(operation)
        def forgiving(self, *args, **kwargs):
            try:
                result = operation(self, *args, **kwargs)
            except RedisError as error:
                self.failing = True
                if time.monotonic() - self.logged_at > LOG_EVERY:
                    self.logged_at = time.monotonic()
                    logger.warning("Cache unreachable, answering from the database: %s", error)
                if miss is ValueError:
                    raise ValueError("cache unreachable") from error
                return miss(args, kwargs) if callable(miss) else miss
            self.failing = False
            return result

        return forgiving

    return wrap


def _default(args, kwargs):
    """The `default` of a call of get(key, default=None, version=None)."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, for which Redis down is a miss."""

    failing = False  # the last operation (in this thread: caches are per thread) failed
    logged_at = 0.0

    get = _forgiving(_default)(RedisCache.get)
    get_many = _forgiving({})(RedisCache.get_many)
    has_key = _forgiving(False)(RedisCache.has_key)
    add = _forgiving(False)(RedisCache.add)
    set = _forgiving(None)(RedisCache.set)
    set_many = _forgiving([])(RedisCache.set_many)
    touch = _forgiving(False)(RedisCache.touch)
    delete = _forgiving(False)(RedisCache.delete)
    delete_many = _forgiving(None)(RedisCache.delete_many)
    incr = _forgiving(ValueError)(RedisCache.incr)
    clear = _forgiving(False)(RedisCache.clear)


def failing() -> bool:
    """Whether the cache could not be reached just now (by this request)."""
    return getattr(caches["default"], "failing", False)


def context(request) -> dict:
    """For the pages: `cache_failing`, to say why a rate-limited action is refused."""
    return {"cache_failing": failing()}
