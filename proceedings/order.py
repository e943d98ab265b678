"""The order of a list of speakers, written once: `in_order`'s docstring is the rule (the
page shows it as EXPLANATION, in the reader's language), services keep it when inscribing
and moving, and every reader of a list (console, display, booth view, report) orders it
here."""

from django.utils.translation import gettext_lazy as _

from registration.models import Entity

from .models import Inscription

Kind = Entity.Kind
# The places of statements in a delegation's own name, by the kind of entity it is.
TIER = {
    Kind.MEMBER_STATE: 1,
    Kind.OBSERVER_STATE: 2,
    Kind.UN_ENTITY: 3,
    Kind.PNI: 3,
    Kind.IGO: 4,
    Kind.NGO: 5,
}
GROUPS, OTHERS, REPLIES = 0, 6, 7
LEVELS = {level: rank for rank, level in enumerate(Inscription.Level.values)}

EXPLANATION = _(
    "Statements on behalf of groups come first. Then Member States (by level of "
    "representation where the session's rules say so: ministers, deputy ministers, "
    "ambassadors and heads of delegation, then others), then observer States, then United "
    "Nations entities and institutes of the programme network, then intergovernmental "
    "organizations, then non-governmental organizations, then other participants; each "
    "in order of inscription. Rights of reply come at the end, in order of inscription. "
    "Once an officer has moved a speaker, the order stays as it then was, and new speakers "
    "take the place the rules give them among those not moved."
)


def rule_key(inscription: Inscription, by_level: bool) -> tuple:
    """Where the rules place an inscription: lower first. Reads the delegation's entity."""
    if inscription.kind == Inscription.Kind.RIGHT_OF_REPLY:
        tier = REPLIES
    elif inscription.on_behalf_of:
        tier = GROUPS
    else:
        tier = TIER.get(inscription.delegation.entity.kind, OTHERS)
    level = LEVELS[inscription.level] if by_level and tier == TIER[Kind.MEMBER_STATE] else 0
    return (tier, level, inscription.inscribed_at, inscription.pk or 0)


def is_fixed(inscriptions) -> bool:
    """Whether an officer has fixed the list's order (positions are kept from the first
    move on, for every inscription)."""
    return any(inscription.position is not None for inscription in inscriptions)


def in_order(inscriptions, by_level: bool) -> list[Inscription]:
    """The order of the list: statements on behalf of groups first; then Member States
    (by level of representation where the session's rules say so: ministers, deputy
    ministers, ambassadors and heads of delegation, others); then observer States; then
    United Nations entities and institutes of the programme network; then
    intergovernmental organizations; then non-governmental organizations; then other
    participants (experts, and the rest); each in order of inscription. Rights of reply
    come at the end, in order of inscription. Withdrawn speakers are out.

    Once an officer has moved a speaker, the order is kept as it then was (every
    inscription holds its place) and a new inscription takes the place the rules give it
    among the speakers not moved by hand (`place_of_new`). EXPLANATION says the same to
    the reader, in their language: change both together."""
    live = [i for i in inscriptions if i.state != Inscription.State.WITHDRAWN]
    if is_fixed(inscriptions):
        return sorted(
            live, key=lambda i: (i.position is None, i.position or 0, rule_key(i, by_level))
        )
    return sorted(live, key=lambda i: rule_key(i, by_level))


def place_of_new(
    order: list[Inscription], new: Inscription, moved: set[int], by_level: bool
) -> int:
    """Where a new inscription goes in a list whose order an officer has fixed (`order`,
    as in_order gives it; `moved`: the ids of the inscriptions moved by hand): just before
    the first speaker not moved by hand whom the rules place after it; last if none."""
    key = rule_key(new, by_level)
    for index, other in enumerate(order):
        if other.pk not in moved and rule_key(other, by_level) > key:
            return index
    return len(order)
