"""The OpenAPI schema's description of our token authentication: knox's bearer scheme."""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme


class TokenScheme(KnoxTokenScheme):
    target_class = "accounts.auth.TokenAuthentication"
