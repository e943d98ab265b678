"""The UI in the six official languages: every catalogue is complete, its compiled .mo is
up to date with its .po, and pages come out in the chosen language."""

import ast
import gettext
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]


def po_entries(path: Path) -> dict:
    """msgid -> msgstr of a .po file, header left out: a tuple of every form for a plural
    entry; a msgid with a context is keyed as gettext keeps it, "context\x04msgid"."""
    entries, current, field = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            field, _, literal = line.partition(" ")
            current[field] = ast.literal_eval(literal)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip() and current:
            if current.get("msgid"):
                key = current["msgid"]
                if "msgctxt" in current:
                    key = f"{current['msgctxt']}\x04{key}"
                forms = [value for name, value in current.items() if name.startswith("msgstr[")]
                entries[key] = tuple(forms) if forms else current["msgstr"]
            current, field = {}, None
        elif line.startswith("#"):
            field = None
    return entries


def compiled(catalogue: gettext.GNUTranslations, key: str, msgstr):
    """What the .mo holds for an entry, in the shape po_entries gives."""
    if isinstance(msgstr, tuple):
        return tuple(catalogue._catalog.get((key, n)) for n in range(len(msgstr)))
    return catalogue._catalog.get(key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    entries = po_entries(folder / "django.po")
    with (folder / "django.mo").open("rb") as file:
        catalogue = gettext.GNUTranslations(file)

    untranslated = [
        key
        for key, msgstr in entries.items()
        if not all(msgstr if isinstance(msgstr, tuple) else [msgstr])
    ]
    assert untranslated == []
    assert {key: compiled(catalogue, key, msgstr) for key, msgstr in entries.items()} == entries


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sessions"),
    [
        ("ar", "الدورات"),
        ("zh-hans", "届会"),
        ("ru", "Сессии"),
        ("es", "Períodos de sesiones"),
    ],
)
def test_pages_come_out_in_the_chosen_language(client, language, sessions):
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: language})

    assert sessions in client.get("/").text


# Folders whose strings are not the site's (as `make messages` leaves them out).
NOT_SOURCES = {"locale", "tests", "bench", "node_modules", "var", "static"}


def test_every_marked_string_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    """`make messages` was run since strings last changed: the French catalogue, brought up
    to date from the sources in a scratch folder (the real catalogues are left alone),
    gains no entry. A string marked but never extracted would show in English."""
    for folder in settings.BASE_DIR.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in NOT_SOURCES:
            (tmp_path / folder.name).symlink_to(folder)
    catalogue = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    shutil.copy(LOCALE / "fr" / "LC_MESSAGES" / "django.po", catalogue)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["fr"], symlinks=True, verbosity=0)

    known = po_entries(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    assert sorted(set(po_entries(catalogue)) - set(known)) == []
