from datetime import timedelta

from interpretation import staffing
from interpretation.staffing import plan_sitting

SIX = ["ar", "zh", "en", "fr", "ru", "es"]
THREE_HOURS = timedelta(hours=3)


def test_six_languages_need_fourteen_interpreters_in_six_booths():
    plan = plan_sitting(SIX, length=THREE_HOURS)

    assert (plan.booths, plan.interpreters, plan.flags) == (6, 14, [])


def test_the_arabic_and_chinese_booths_have_three_for_the_retour():
    plan = plan_sitting(SIX, length=THREE_HOURS)

    assert {team.code: team.interpreters for team in plan.teams} == {
        "ar": 3,
        "zh": 3,
        "en": 2,
        "fr": 2,
        "ru": 2,
        "es": 2,
    }


def test_two_languages_need_two_booths_of_two():
    plan = plan_sitting(["en", "fr"], length=THREE_HOURS)

    assert (plan.booths, plan.interpreters) == (2, 4)


def test_one_language_alone_needs_no_interpretation():
    plan = plan_sitting(["en"], length=THREE_HOURS)

    assert (plan.booths, plan.interpreters) == (0, 0)


def test_an_added_spoken_language_adds_a_booth_of_two():
    plan = plan_sitting([*SIX, "pt"], length=THREE_HOURS)

    assert (plan.booths, plan.interpreters) == (7, 16)


def test_a_sign_language_adds_a_team_but_no_booth():
    plan = plan_sitting([*SIX, "ils"], signed={"ils"}, length=THREE_HOURS)

    assert (plan.booths, plan.interpreters) == (6, 16)


def test_a_hybrid_sitting_with_long_remote_interventions_is_planned_as_two_hours():
    plan = plan_sitting(SIX, length=THREE_HOURS, hybrid=True, long_remote_interventions=True)

    assert plan.planned_length == timedelta(hours=2)
    assert plan.flags == [staffing.LONG_REMOTE, staffing.BEYOND_LENGTH]


def test_a_hybrid_sitting_of_two_hours_with_long_remote_interventions_is_only_flagged_so():
    plan = plan_sitting(SIX, length=timedelta(hours=2), hybrid=True, long_remote_interventions=True)

    assert plan.flags == [staffing.LONG_REMOTE]


def test_long_remote_interventions_count_only_in_a_hybrid_sitting():
    plan = plan_sitting(SIX, length=THREE_HOURS, long_remote_interventions=True)

    assert (plan.planned_length, plan.flags) == (THREE_HOURS, [])


def test_a_sitting_beyond_three_hours_is_flagged_for_a_larger_team():
    plan = plan_sitting(SIX, length=timedelta(hours=4))

    assert plan.flags == [staffing.BEYOND_LENGTH]


def test_a_sitting_less_than_an_hour_after_the_one_before_is_flagged_back_to_back():
    close = plan_sitting(SIX, length=THREE_HOURS, break_before=timedelta(minutes=30))
    lunch = plan_sitting(SIX, length=THREE_HOURS, break_before=timedelta(hours=2))

    assert (close.flags, lunch.flags) == ([staffing.BACK_TO_BACK], [])


def test_a_room_with_fewer_booths_than_languages_is_flagged():
    plan = plan_sitting(SIX, length=THREE_HOURS, room_booths=4)

    assert plan.flags == [staffing.TOO_FEW_BOOTHS]
