"""What a request says of where it comes from."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str:
    """The client's address, read from X-Forwarded-For behind TRUSTED_PROXY_COUNT proxies
    of ours (allauth's reading, as its rate limits use), else REMOTE_ADDR."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all
        return ""
