"""No template writes a date for people with a fixed pattern: they use Django's named
formats (per language, languages/formats/) or the filters of `localdates`. Machine
formats ("c", "Y-m-d") are allowed inside a tag's attributes (datetime=, href=, value=)."""

import re
from pathlib import Path

from django.conf import settings

NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
MACHINE = {"c", "U", "Y-m-d", "H:i", r"Y-m-d\TH:i", "Y-m-d H:i", "r"}
FILTER = re.compile(r"\|(date|time):\s*(['\"])(.*?)\2")


def template_files():
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in {".html", ".txt"}:
                yield path


def inside_a_tag(text: str, position: int) -> bool:
    """Whether this position is inside an HTML tag (an attribute), not in its text."""
    return text.rfind("<", 0, position) > text.rfind(">", 0, position)


def fixed_patterns(text: str) -> list[str]:
    found = []
    for match in FILTER.finditer(text):
        pattern = match.group(3)
        if pattern in NAMED:
            continue
        if pattern in MACHINE and inside_a_tag(text, match.start()):
            continue
        found.append(match.group(0))
    return found


def test_no_template_writes_a_date_for_people_with_a_fixed_pattern():
    offenders = {
        str(path): fixed_patterns(path.read_text())
        for path in template_files()
        if fixed_patterns(path.read_text())
    }

    assert offenders == {}


def test_the_check_finds_a_fixed_pattern_in_text_and_allows_machine_attributes():
    assert fixed_patterns('<p>{{ day|date:"j F Y" }}</p>') == ['|date:"j F Y"']
    assert fixed_patterns("<p>{{ at|time:'H:i' }}</p>") == ["|time:'H:i'"]
    assert fixed_patterns("<time datetime=\"{{ at|date:'c' }}\">{{ at|date }}</time>") == []
    assert fixed_patterns("<a href=\"?day={{ day|date:'Y-m-d' }}\">") == []
    assert fixed_patterns('<p>{{ day|date:"DATE_FORMAT" }}</p>') == []


def test_the_templates_are_found():
    names = {path.name for path in template_files()}

    assert {"session_detail.html", "home.html", "approved.txt"} <= names
