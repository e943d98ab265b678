"""One error type for every refusal by the rules. Services raise it; the API answers it
with 409 (core.api.exception_handler) and the pages show its message."""


class DomainError(Exception):
    """A change that the rules refuse. `code` names the rule, for API clients and tests;
    the message is for the user, in their language."""

    code = "refused"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)

    def details(self) -> dict:
        """More for the API's answer beside the message and code (refused files...)."""
        return {}
