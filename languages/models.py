"""The list of languages: the six official ones (loaded by migration) and the others an
officer adds, such as International Sign."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .official import OFFICIAL_LANGUAGES


class Language(models.Model):
    """A language a meeting may offer or a participant may ask for."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=80)
    is_official = models.BooleanField(_("official language of the United Nations"), default=False)
    is_signed = models.BooleanField(
        _("sign language"),
        default=False,
        help_text=_("Signed languages are interpreted on the floor or on screen, not in a booth."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        """The official languages' names in the reader's language; others as entered."""
        return str(dict(OFFICIAL_LANGUAGES).get(self.code, self.name))


def validate_language_codes(codes) -> None:
    """A list of codes of the list of languages: the six official ones and any an officer
    added. Sessions, sittings, registrations and the interpretation services all check
    with this."""
    if not isinstance(codes, list):
        raise ValidationError(_("Choose languages from the list of languages."))
    unknown = set(codes) - set(Language.objects.values_list("code", flat=True))
    if unknown:
        raise ValidationError(
            _("Not in the list of languages: %(codes)s."),
            params={"codes": ", ".join(sorted(unknown))},
        )


def validate_language_code(value: str) -> None:
    if value:
        validate_language_codes([value])


def language_names(codes: list[str]) -> list[str]:
    """Names of these languages, in the reader's language for the official ones; a
    language an officer added is looked up (the official ones need no query)."""
    names = dict(OFFICIAL_LANGUAGES)
    if set(codes) - set(names):
        names |= dict(Language.objects.values_list("code", "name"))
    return [str(names[code]) for code in codes if code in names]
