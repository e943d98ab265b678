"""The language a person reads what is sent to them in (mails, their calendar feed),
rather than the language of the page in front of whoever caused it: chosen on the
profile, set from the interface's language at sign-up."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from languages.official import interface_language

from .models import Profile


def preferred_language(user, default: str | None = None) -> str:
    """The person's chosen language; where they have none, `default` or the site's. No
    query where the profile was selected with the user (`select_related("profile")`)."""
    default = default or settings.LANGUAGE_CODE
    if user is None or not getattr(user, "pk", None):
        return default
    try:
        return user.profile.language
    except ObjectDoesNotExist:
        return default


def set_preferred_language(user, language: str) -> str:
    """Keeps the person's language; a code the site does not offer is refused."""
    code = interface_language(language)
    if code is None:
        raise ValidationError(_("Choose one of the languages offered."), code="language")
    profile, _created = Profile.objects.update_or_create(user=user, defaults={"language": code})
    user.profile = profile
    return code


def in_language_of(user, default: str | None = None):
    """`with in_language_of(user):` what is built inside reads in the person's language."""
    return translation.override(preferred_language(user, default))
