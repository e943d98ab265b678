"""The API's language: that of the request's Accept-Language, whatever the site's language
cookie says. Integrators send a token and a header, not cookies, and a browser trying the
API must get what its header asks. LocaleMiddleware (before this one) still marks the
answer with Content-Language and Vary: Accept-Language."""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Accept-Language")
        if header and request.path.startswith("/api/"):
            request.LANGUAGE_CODE = accepted_language(header)
            translation.activate(request.LANGUAGE_CODE)
        return self.get_response(request)
