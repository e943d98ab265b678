"""The six official languages of the United Nations, written once: the interface's
languages (settings.LANGUAGES), the codes of sessions' and sittings' languages of
interpretation, documentation languages and the rows of the list of languages all come
from here. No model imports: the settings import this module."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class OfficialLanguage:
    code: str  # as the UN writes it, and in data: "zh"
    locale: str  # the interface's language code: "zh-hans"
    name: object  # translated lazily
    english_name: str
    right_to_left: bool = False


# In UN (English alphabetical) order.
OFFICIAL = (
    OfficialLanguage("ar", "ar", _("Arabic"), "Arabic", right_to_left=True),
    OfficialLanguage("zh", "zh-hans", _("Chinese"), "Chinese"),
    OfficialLanguage("en", "en", _("English"), "English"),
    OfficialLanguage("fr", "fr", _("French"), "French"),
    OfficialLanguage("ru", "ru", _("Russian"), "Russian"),
    OfficialLanguage("es", "es", _("Spanish"), "Spanish"),
)
OFFICIAL_LANGUAGES = [(language.code, language.name) for language in OFFICIAL]
OFFICIAL_LANGUAGE_CODES = [language.code for language in OFFICIAL]
INTERFACE_LANGUAGES = [(language.locale, language.name) for language in OFFICIAL]
_BY_LOCALE = {language.locale: language for language in OFFICIAL}


def for_locale(locale: str) -> OfficialLanguage | None:
    """The official language of an interface language code ("zh-hans", "ar")."""
    return _BY_LOCALE.get((locale or "").lower())
