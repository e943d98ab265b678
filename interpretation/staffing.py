"""The staffing rules of UN interpretation, in one place. The coverage page, the exports and
the API all plan with `plan_sitting`; change a rule here and every figure follows.

- A booth per spoken target language offered; a signed language (International Sign) needs
  a team on the floor or on screen, not a booth. One language alone needs no interpreters.
- Two interpreters per booth. The Arabic and Chinese booths have three: they also interpret
  into English or French (retour), which the other booths take as relay. Six languages
  therefore need 14 interpreters per sitting.
- A team works a sitting of up to three hours. A hybrid sitting in which remote
  interventions may exceed 30 minutes is planned as two hours, and flagged.
- A sitting longer than its planned length, or back to back with the one before it (less
  than an hour between them), is flagged: it needs a larger team or a second one.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext_lazy

from languages.official import OFFICIAL_LANGUAGE_CODES

TEAM = 2
RETOUR_TEAM = 3
RETOUR_LANGUAGES = frozenset({"ar", "zh"})
STANDARD_LENGTH = timedelta(hours=3)
LONG_REMOTE_LENGTH = timedelta(hours=2)
# The limit of remote interventions that keeps a hybrid sitting STANDARD_LENGTH: officers
# mark a sitting that may exceed it (long_remote_interventions), which is then planned as
# LONG_REMOTE_LENGTH. Named here for the page that explains the rules.
REMOTE_LIMIT = timedelta(minutes=30)
MINIMUM_BREAK = timedelta(hours=1)

# Flags, and the words the page and the exports show for them.
LONG_REMOTE = "long_remote"
BEYOND_LENGTH = "beyond_length"
BACK_TO_BACK = "back_to_back"
TOO_FEW_BOOTHS = "too_few_booths"
FLAG_WORDS = {
    LONG_REMOTE: gettext_lazy("remote interventions may exceed 30 minutes: planned as two hours"),
    BEYOND_LENGTH: gettext_lazy("longer than planned: a larger team"),
    BACK_TO_BACK: gettext_lazy("back to back with the sitting before: a second team"),
    TOO_FEW_BOOTHS: gettext_lazy("the room has fewer booths than languages"),
}


@dataclass(frozen=True)
class LanguageTeam:
    code: str
    booth: bool
    interpreters: int
    retour: bool


@dataclass
class SittingPlan:
    teams: list[LanguageTeam]
    planned_length: timedelta
    flags: list[str] = field(default_factory=list)

    @property
    def booths(self) -> int:
        return sum(1 for team in self.teams if team.booth)

    @property
    def interpreters(self) -> int:
        return sum(team.interpreters for team in self.teams)

    @property
    def languages(self) -> list[str]:
        return [team.code for team in self.teams]


def plan_sitting(
    languages: list[str],
    *,
    signed: frozenset[str] | set[str] = frozenset(),
    length: timedelta,
    hybrid: bool = False,
    long_remote_interventions: bool = False,
    break_before: timedelta | None = None,
    room_booths: int | None = None,
) -> SittingPlan:
    """The teams one sitting needs for these language codes (`signed`: those that are sign
    languages), and what to look at: its length against the planned length, the break
    before it, the booths of its room (None: not known)."""
    teams = []
    if len(languages) > 1:
        for code in languages:
            booth = code not in signed
            retour = booth and code in RETOUR_LANGUAGES
            teams.append(LanguageTeam(code, booth, RETOUR_TEAM if retour else TEAM, retour))
    planned = STANDARD_LENGTH
    flags = []
    if teams and hybrid and long_remote_interventions:
        planned = LONG_REMOTE_LENGTH
        flags.append(LONG_REMOTE)
    if teams and length > planned:
        flags.append(BEYOND_LENGTH)
    if teams and break_before is not None and break_before < MINIMUM_BREAK:
        flags.append(BACK_TO_BACK)
    plan = SittingPlan(teams, planned, flags)
    if room_booths is not None and plan.booths > room_booths:
        flags.append(TOO_FEW_BOOTHS)
    return plan


# The figures the page explains the rules with, worked out from the rules above.
STANDARD_HOURS = STANDARD_LENGTH // timedelta(hours=1)
LONG_REMOTE_HOURS = LONG_REMOTE_LENGTH // timedelta(hours=1)
REMOTE_LIMIT_MINUTES = REMOTE_LIMIT // timedelta(minutes=1)
SIX_LANGUAGE_TEAM = plan_sitting(OFFICIAL_LANGUAGE_CODES, length=STANDARD_LENGTH).interpreters
