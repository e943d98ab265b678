"""The rules of UN document symbols, with the symbols of the expert group's page and of its
documents."""

import pytest
from django.core.exceptions import ValidationError

from documents.symbols import file_stem, parse_symbol

VALID = [
    "E/CN.15/2024/15",  # the report on the seed page
    "UNODC/CCPCJ/EG.10/2025/1",
    "UNODC/CCPCJ/EG.10/2025/CRP.1",
    "UNODC/CCPCJ/EG.10/2025/INF/1",
    "E/CN.15/2024/L.3",
    "A/AC.289/WP.2",
    "A/RES/78/224",
    "E/CN.15/2024/15/Rev.1",
    "E/CN.15/2024/15/Corr.1",
    "E/CN.15/2024/15/Add.1",
    "E/CN.15/2024/15/Add.1/Rev.1",
    "E/CN.15/2024/NGO/2",
]


@pytest.mark.parametrize("symbol", VALID)
def test_a_valid_symbol_is_read_whole(symbol):
    assert str(parse_symbol(symbol)) == symbol


def test_surrounding_spaces_are_trimmed():
    assert str(parse_symbol("  E/CN.15/2024/15 ")) == "E/CN.15/2024/15"


INVALID = [
    ("", "empty", "Enter the document symbol, as in E/CN.15/2024/15."),
    ("E/CN.15/2024/ 15", "space", "A symbol has no spaces"),
    ("E/CN.15//15", "empty_part", "no “/” at its start or end, nor two together"),
    ("/E/CN.15/2024/15", "empty_part", "no empty part"),
    ("E/CN.15/2024/15/", "empty_part", "no empty part"),
    ("e/cn.15/2024/15", "organ", "starts with the organ or body in capital letters"),
    ("UNODC/CCPCJ/EG.10", "number", "ends with the document's number"),
    ("E/CN.15/2024/15/rev.1", "suffix", "Write the suffix “rev.1” as Rev.1."),
    ("E/CN.15/2024/15/Rev.0", "suffix", "suffixes are numbered from 1"),
    ("E/cn.15/2024/15", "part", "“cn.15” is not a part of a UN symbol"),
    ("E/CN.15/2024/INF", "number", "ends with the document's number"),
    ("E/CN.15/2024/CRP", "number", "ends with the document's number"),
]


@pytest.mark.parametrize(("symbol", "code", "message"), INVALID)
def test_an_invalid_symbol_says_what_is_wrong(symbol, code, message):
    with pytest.raises(ValidationError) as refused:
        parse_symbol(symbol)

    assert refused.value.code == code
    assert message in refused.value.messages[0]


def test_a_revision_revises_the_symbol_without_its_last_suffix():
    revision = parse_symbol("E/CN.15/2024/15/Add.1/Rev.1")

    assert revision.previous == "E/CN.15/2024/15/Add.1"
    assert parse_symbol("E/CN.15/2024/15/Rev.3").previous == "E/CN.15/2024/15/Rev.2"
    assert parse_symbol("E/CN.15/2024/15/Corr.2").previous == "E/CN.15/2024/15"
    assert revision.is_revision


def test_a_corrigendum_corrects_but_does_not_revise():
    corrigendum = parse_symbol("E/CN.15/2024/15/Corr.1")

    assert corrigendum.previous == "E/CN.15/2024/15"
    assert not corrigendum.is_revision
    assert parse_symbol("E/CN.15/2024/15").previous is None


def test_a_file_name_writes_each_slash_as_an_underscore():
    assert file_stem("E/CN.15/2024/15") == "E_CN.15_2024_15"
