"""The site's own middleware: the API's language, and a log line per request."""

import logging
import time

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation.trans_real import parse_accept_lang_header

log = logging.getLogger("meetings.requests")
LINE = "%(method)s %(view)s %(status)s %(ms)s ms user %(user_id)s"


def accepted_language(header: str) -> str:
    """The first language of the site that the header accepts, in its order of preference;
    English if it accepts none of them."""
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    """The API's language: that of the request's Accept-Language, whatever the site's
    language cookie says. Integrators send a token and a header, not cookies, and a browser
    trying the API must get what its header asks. LocaleMiddleware (before this one) still
    marks the answer with Content-Language and Vary: Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Accept-Language")
        if header and request.path.startswith("/api/"):
            request.LANGUAGE_CODE = accepted_language(header)
            translation.activate(request.LANGUAGE_CODE)
        return self.get_response(request)


def _user_id(request) -> int | None:
    """The id of the signed-in user, if the request asked who it was (a request that did
    not, a static file or a health probe, is not made to read the session for the log)."""
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject):
        user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLog:
    """One line per request: its method, view, status and time, and the user's id (never
    the path, which may carry a token, nor anything else of the person). The request's id
    comes with every line (LOGGING's filter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        details = {
            "method": request.method,
            "view": match.view_name if match else "-",
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": _user_id(request),
        }
        log.info(LINE, details, extra=details)
        return response
