import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_no_web_link, validate_single_line


@pytest.mark.parametrize(
    "value",
    [
        "Amina \u202eHADDAD",  # right-to-left override
        "\u202aAmina",
        "\u202bAmina",
        "\u202cAmina",
        "\u202dAmina",
        "\u2066Amina\u2069",
        "\u2067Amina",
        "\u2068Amina",
    ],
)
def test_direction_controls_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(value)

    assert refused.value.code == "direction_control"


@pytest.mark.parametrize("value", ["Opening\nof the meeting", "a\rb", "a\tb", "a\x00b", "a\u2028b"])
def test_line_breaks_and_control_characters_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(value)

    assert refused.value.code == "control_character"


@pytest.mark.parametrize(
    "value",
    [
        "Łucja Wąsowska",
        "أمينة حداد",
        "王伟",
        "Иван Петров",
        "\u200fأمينة (Amina)\u200e",
        "O'Brien-Smith",
    ],
)
def test_names_in_any_script_with_direction_marks_are_accepted(value):
    validate_single_line(value)


@pytest.mark.parametrize(
    "value", ["https://zoom.us/j/1", "Link: HTTP://meet.example.org", "www.example.org/join"]
)
def test_web_links_are_refused_where_text_is_mailed_to_many(value):
    with pytest.raises(ValidationError) as refused:
        validate_no_web_link(value)

    assert refused.value.code == "web_link"


def test_a_meeting_id_and_passcode_are_not_links():
    validate_no_web_link("Meeting ID: 123 4567 8901\nPasscode: in your personal link")
