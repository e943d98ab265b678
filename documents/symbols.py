"""UN document symbols, written once: `E/CN.15/2024/15`, `UNODC/CCPCJ/EG.10/2025/1`,
`UNODC/CCPCJ/EG.10/2025/CRP.1`, `A/AC.289/INF/1`, with the suffixes `/Rev.N`, `/Corr.N` and
`/Add.N`. The organ or body comes first, its parts separated by `/`; the document's number
(or a special part: `CRP.1`, `L.1`, `WP.1`, `MISC.1`, `INF/1`, `NGO/1`) ends the symbol,
then the suffixes. One symbol covers every language version of a document."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGAN = re.compile(r"[A-Z]+")
# A body or its subsidiary (CN.15, EG.10, CCPCJ, AC.289), a year or a session number.
BODY = re.compile(r"[A-Z][A-Z0-9]*(?:\.\d+)?|\d+")
NUMBER = re.compile(r"\d+")
SPECIAL = re.compile(r"(?:CRP|L|WP|MISC)\.\d+")
SPECIAL_SERIES = {"INF", "NGO"}  # INF/1, NGO/1: the number is the next part
SUFFIX = re.compile(r"(Rev|Corr|Add)\.(\d+)")
EXAMPLE = "E/CN.15/2024/15"


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol: the base (`E/CN.15/2024/15`) and its suffixes (`Rev.1`, `Corr.1`)."""

    base: str
    suffixes: tuple[str, ...]

    def __str__(self) -> str:
        return "/".join((self.base, *self.suffixes))

    @property
    def previous(self) -> str | None:
        """The document this one revises, corrects or adds to: the symbol without its last
        suffix (`E/CN.15/2024/15` for `E/CN.15/2024/15/Rev.1` or `/Corr.2`), or the revision
        before it (`…/15/Rev.1` for `…/15/Rev.2`), which it replaces."""
        if not self.suffixes:
            return None
        *before, last = self.suffixes
        kind, number = SUFFIX.fullmatch(last).groups()
        if kind == "Rev" and int(number) > 1:
            before.append(f"Rev.{int(number) - 1}")
        return "/".join((self.base, *before))

    @property
    def is_revision(self) -> bool:
        """A revision replaces the document it revises (a corrigendum or an addendum
        does not)."""
        return bool(self.suffixes) and self.suffixes[-1].startswith("Rev.")


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params={"example": EXAMPLE, **params})


def parse_symbol(value: str) -> Symbol:
    """The symbol's parts, or a ValidationError that says what is wrong with it."""
    value = value.strip()
    if not value:
        raise _refuse(_("Enter the document symbol, as in %(example)s."), "empty")
    if re.search(r"\s", value):
        raise _refuse(
            _("A symbol has no spaces: its parts are separated by “/”, as in %(example)s."),
            "space",
        )
    parts = value.split("/")
    if "" in parts:
        raise _refuse(
            _("A symbol has no empty part: no “/” at its start or end, nor two together."),
            "empty_part",
        )
    suffixes: list[str] = []
    while parts and (suffix := SUFFIX.fullmatch(parts[-1])):
        if int(suffix[2]) == 0:
            raise _refuse(_("“%(part)s”: suffixes are numbered from 1."), "suffix", part=parts[-1])
        suffixes.insert(0, parts.pop())
    if not ORGAN.fullmatch(parts[0]):
        raise _refuse(
            _(
                "A symbol starts with the organ or body in capital letters (E, A, UNODC…), "
                "as in %(example)s."
            ),
            "organ",
        )
    last = parts[-1]
    ends_in_number = len(parts) >= 2 and (
        SPECIAL.fullmatch(last) or (NUMBER.fullmatch(last) and parts[-2] not in SPECIAL_SERIES)
    )
    if len(parts) >= 3 and parts[-2] in SPECIAL_SERIES and NUMBER.fullmatch(last):
        ends_in_number, body = True, parts[1:-2]
    else:
        body = parts[1:-1]
    if not ends_in_number:
        lowered = SUFFIX.fullmatch(last.capitalize())
        if lowered:
            raise _refuse(
                _("Write the suffix “%(part)s” as %(suggestion)s."),
                "suffix",
                part=last,
                suggestion=lowered[0],
            )
        raise _refuse(
            _(
                "A symbol ends with the document's number (…/15, …/CRP.1, …/INF/1), then "
                "optionally /Rev.1, /Corr.1 or /Add.1."
            ),
            "number",
        )
    for part in body:
        if not BODY.fullmatch(part):
            raise _refuse(
                _(
                    "“%(part)s” is not a part of a UN symbol: write the body and its "
                    "subsidiaries in capital letters (CN.15, EG.10), years and numbers "
                    "in figures."
                ),
                "part",
                part=part,
            )
    return Symbol("/".join(parts), tuple(suffixes))


def validate_symbol(value: str) -> None:
    parse_symbol(value)


def file_stem(symbol: str) -> str:
    """The symbol as the start of a file name: `E/CN.15/2024/15` gives `E_CN.15_2024_15`."""
    return symbol.replace("/", "_")
