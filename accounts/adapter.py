"""How allauth treats our people: known by their e-mail address, and sent back after
signing up and confirming it to the page they started from (the *Register* page, say)."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from django.utils import translation

from languages.official import active_language

from .languages import in_language_of, set_preferred_language


def user_display(user) -> str:
    """People are known here by their e-mail address, not the username made for them."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """A new person's mails come in the language they signed up in, until they choose
        another on their profile."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            set_preferred_language(user, active_language())
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (confirmation, password reset...) in the language the person
        chose, as every other mail; to an address with no account, the page's."""
        with in_language_of(context.get("user"), default=translation.get_language()):
            return super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The confirmation link carries the `next` of the sign-up, so that a person who
        opens it (in this browser or another) goes on to the page they came from: in the
        same browser allauth logs them in and resumes there; elsewhere they log in first."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url += ("&" if "?" in url else "?") + urlencode({"next": next_url})
        return url
