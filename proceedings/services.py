"""Every change of a list of speakers: opening and closing it, inscribing a delegation,
withdrawing, an officer moving a speaker, and the Chair giving the floor (the timer, a
speaker absent). Each takes the list's row lock first, so
that inscriptions made at the same instant queue up and take their places in the order
they were made (on SQLite, IMMEDIATE transactions queue them already)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_conference_officer, reads_statements
from core.errors import DomainError
from languages.official import OFFICIAL_LANGUAGE_CODES
from registration.delegations import may_manage
from registration.models import Delegation, Registration
from sessions_app.models import Session

from . import live, order, queries
from .models import Group, Inscription, OrderChange, SpeakersList

State = Inscription.State


class SpeakersListError(DomainError):
    """A change to a list of speakers that the rules refuse."""


def _check_officer(actor) -> None:
    if not is_conference_officer(actor):
        raise SpeakersListError(
            _("Only conference officers manage lists of speakers."), code="not_an_officer"
        )


def _lock(speakers_list: SpeakersList) -> SpeakersList:
    """The list afresh, locked for the change in hand (PostgreSQL: one list's inscriptions
    and order change one transaction at a time). Every change takes it: once the change is
    committed, the live pages get the new state (proceedings.live)."""
    live.changed(speakers_list.session_id)
    return SpeakersList.objects.select_for_update().get(pk=speakers_list.pk)


# --- Lists -----------------------------------------------------------------------------


def may_follow(user, session: Session) -> bool:
    """Who reads the session's lists of speakers: officers, interpreters and
    interpretation coordinators, focal points of its delegations, and its participants
    whose registration is approved."""
    if reads_statements(user):
        return True
    if not user.is_authenticated:
        return False
    return (
        Delegation.objects.filter(session=session, focal_points=user).exists()
        or Registration.objects.approved().owned_by(user).filter(session=session).exists()
    )


def open_list(session: Session, item_number: int, actor) -> SpeakersList:
    """Open the list of speakers of an agenda item of the session (made the first time)."""
    _check_officer(actor)
    if item_number not in queries.agenda(session):
        raise SpeakersListError(
            _("The session's agenda has no item %(number)d.") % {"number": item_number},
            code="no_such_item",
        )
    with transaction.atomic():
        speakers_list, created = SpeakersList.objects.get_or_create(
            session=session, item_number=item_number
        )
        if not created and not speakers_list.is_open:
            speakers_list = _lock(speakers_list)
            speakers_list.is_open = True
            speakers_list.save(update_fields=["is_open", "updated_at"])
    return speakers_list


def close_list(speakers_list: SpeakersList, actor) -> SpeakersList:
    """Close the list: it takes no more inscriptions (those on it keep their places)."""
    _check_officer(actor)
    with transaction.atomic():
        speakers_list = _lock(speakers_list)
        speakers_list.is_open = False
        speakers_list.save(update_fields=["is_open", "updated_at"])
    return speakers_list


def allow_repeats(speakers_list: SpeakersList, allowed: bool, actor) -> SpeakersList:
    """Let delegations be on the list more than once (or no longer)."""
    _check_officer(actor)
    with transaction.atomic():
        speakers_list = _lock(speakers_list)
        speakers_list.allows_repeats = allowed
        speakers_list.save(update_fields=["allows_repeats", "updated_at"])
    return speakers_list


# --- Inscriptions ----------------------------------------------------------------------


def inscribe(
    speakers_list: SpeakersList,
    actor,
    delegation: Delegation,
    speaker: Registration,
    *,
    language: str,
    mode: str = "",
    level: str = Inscription.Level.OTHER,
    on_behalf_of: str = "",
    group_name: str = "",
    kind: str = Inscription.Kind.STATEMENT,
) -> Inscription:
    """Inscribe a delegation on an open list (on a closed one, only an officer, and only
    for a right of reply): by one of its focal points or an officer,
    with an approved member of the delegation as speaker, in the room or online (by
    default as the speaker takes part). A delegation is on a list once for its own
    statement, once for each group it speaks for and once for a right of reply, unless an
    officer lets delegations be on the list more than once. It takes its place by the
    rules (proceedings.order)."""
    inscription = Inscription(
        delegation=delegation,
        speaker=speaker,
        mode=mode or speaker.participation_mode,
        level=level,
        on_behalf_of=on_behalf_of,
        group_name=group_name.strip() if on_behalf_of == Group.OTHER else "",
        language=language,
        kind=kind,
        inscribed_by=actor,
    )
    _check_inscription(speakers_list, actor, inscription)
    with transaction.atomic():
        speakers_list = _lock(speakers_list)
        if not speakers_list.is_open and not (
            kind == Inscription.Kind.RIGHT_OF_REPLY and is_conference_officer(actor)
        ):
            raise SpeakersListError(_("This list of speakers is closed."), code="list_closed")
        if not speakers_list.allows_repeats and _already_on(speakers_list, inscription):
            raise SpeakersListError(
                _("%(delegation)s is already on this list of speakers.")
                % {"delegation": delegation.entity.display_name},
                code="already_inscribed",
            )
        # Taken under the lock: the time of inscription follows the order of arrival.
        inscription.speakers_list = speakers_list
        inscription.inscribed_at = timezone.now()
        inscription.save()
        _place_if_fixed(speakers_list, inscription)
    return inscription


def _check_inscription(speakers_list: SpeakersList, actor, inscription: Inscription) -> None:
    delegation, speaker = inscription.delegation, inscription.speaker
    if delegation.session_id != speakers_list.session_id:
        raise SpeakersListError(
            _("This delegation is not a delegation to this session."), code="other_session"
        )
    if not may_manage(actor, delegation):
        raise SpeakersListError(
            _("Only a focal point of the delegation or an officer may inscribe it."),
            code="not_focal_point",
        )
    if speaker.delegation_id != delegation.pk:
        raise SpeakersListError(
            _("The speaker is not a member of this delegation."), code="not_in_delegation"
        )
    if not Registration.objects.approved().filter(pk=speaker.pk).exists():  # as it is now
        raise SpeakersListError(
            _("The speaker's registration is not approved."), code="speaker_not_approved"
        )
    if inscription.mode not in speakers_list.session.participation_modes:
        raise SpeakersListError(
            _("This session does not offer that participation mode."), code="mode_not_offered"
        )
    if inscription.language not in OFFICIAL_LANGUAGE_CODES:
        raise SpeakersListError(
            _("Choose one of the six official languages."), code="language_not_official"
        )
    if inscription.level not in Inscription.Level.values:
        raise SpeakersListError(_("Choose a level of representation."), code="no_such_level")
    if inscription.kind not in Inscription.Kind.values:
        raise SpeakersListError(_("Choose a kind of statement."), code="no_such_kind")
    if inscription.on_behalf_of and inscription.on_behalf_of not in Group.values:
        raise SpeakersListError(_("Choose one of the groups."), code="no_such_group")
    if inscription.on_behalf_of == Group.OTHER and not inscription.group_name:
        raise SpeakersListError(_("Give the name of the group."), code="group_name_required")


def _already_on(speakers_list: SpeakersList, inscription: Inscription) -> bool:
    """Whether the delegation is on the list already for the same: its own statement, a
    group's (the same group), a right of reply. Withdrawn places do not count."""
    return (
        Inscription.objects.filter(
            speakers_list=speakers_list,
            delegation=inscription.delegation,
            kind=inscription.kind,
            on_behalf_of=inscription.on_behalf_of,
            group_name=inscription.group_name,
        )
        .exclude(state=State.WITHDRAWN)
        .exists()
    )


def _place_if_fixed(speakers_list: SpeakersList, new: Inscription) -> None:
    """In a list whose order an officer has fixed, give a new inscription the place the
    rules give it among the speakers not moved by hand (proceedings.order.place_of_new)."""
    others = list(queries.inscriptions(speakers_list).exclude(pk=new.pk))
    if not order.is_fixed(others):
        return
    by_level = queries.rules(speakers_list.session).by_level
    current = order.in_order(others, by_level)
    index = order.place_of_new(current, new, queries.moved_by_hand(speakers_list), by_level)
    if index < len(current):
        new.position = current[index].position
        Inscription.objects.filter(speakers_list=speakers_list, position__gte=new.position).update(
            position=F("position") + 1
        )
    else:
        new.position = max(i.position or 0 for i in others) + 1
    new.save(update_fields=["position"])


def withdraw(inscription: Inscription, actor) -> Inscription:
    """Take a waiting speaker off the list: by a focal point of the delegation or an
    officer. The place is kept in the record, out of the order."""
    if not may_manage(actor, inscription.delegation):
        raise SpeakersListError(
            _("Only a focal point of the delegation or an officer may withdraw it."),
            code="not_focal_point",
        )
    with transaction.atomic():
        inscription = _locked(
            inscription,
            (State.WAITING,),
            _("Only a speaker who is still waiting can be withdrawn."),
            "not_waiting",
        )
        inscription.state = State.WITHDRAWN
        inscription.save(update_fields=["state"])
    return inscription


# --- Order -----------------------------------------------------------------------------


def move(inscription: Inscription, to_position: int, actor, reason: str) -> Inscription:
    """An officer moves a waiting speaker to a place in the list (counted from 1), saying
    why. The first move fixes the list's order: every speaker keeps the place they then
    have, and later inscriptions take the place the rules give them among those not moved
    by hand. The change is kept (OrderChange)."""
    _check_officer(actor)
    reason = reason.strip()
    if not reason:
        raise SpeakersListError(_("Say why the speaker is moved."), code="reason_required")
    with transaction.atomic():
        speakers_list = _lock(inscription.speakers_list)
        current = queries.in_order(speakers_list)
        moving = next((i for i in current if i.pk == inscription.pk), None)
        if moving is None or moving.state != State.WAITING:
            raise SpeakersListError(
                _("Only a speaker who is still waiting can be moved."), code="not_waiting"
            )
        if not 1 <= to_position <= len(current):
            raise SpeakersListError(
                _("Choose a place from 1 to %(count)d.") % {"count": len(current)},
                code="no_such_place",
            )
        from_position = current.index(moving) + 1
        current.remove(moving)
        _reorder(current, moving, from_position, to_position, actor, reason)
    inscription.position = moving.position
    return inscription


def _reorder(others: list, moving: Inscription, from_position, to_position, actor, reason):
    """Put `moving` at `to_position` among the others (in order), fix every place, and
    keep the change with who and why."""
    others.insert(to_position - 1, moving)
    for place, each in enumerate(others, start=1):
        each.position = place
    Inscription.objects.bulk_update(others, ["position"])
    OrderChange.objects.create(
        inscription=moving,
        from_position=from_position,
        to_position=to_position,
        actor=actor,
        reason=reason,
    )


# --- The floor -------------------------------------------------------------------------


def take_up(speakers_list: SpeakersList, actor, now=None) -> SpeakersList:
    """The Chair takes up the list's agenda item: the live pages show it."""
    _check_officer(actor)
    with transaction.atomic():
        speakers_list = _lock(speakers_list)
        speakers_list.taken_up_at = now or timezone.now()
        speakers_list.save(update_fields=["taken_up_at", "updated_at"])
    return speakers_list


def give_floor(speakers_list: SpeakersList, actor, now=None) -> Inscription | None:
    """The Chair gives the floor to the next speaker on the list, taking up its item:
    whoever has it ends (their time kept), and the first waiting speaker in the order
    takes it, the timer running. None when no one is waiting: the floor is then no
    one's."""
    _check_officer(actor)
    now = now or timezone.now()
    with transaction.atomic():
        speakers_list = _lock(speakers_list)
        speakers_list.taken_up_at = now
        speakers_list.save(update_fields=["taken_up_at", "updated_at"])
        current = queries.in_order(speakers_list)
        for inscription in current:
            if inscription.state == State.SPEAKING:
                _end(inscription, now)
        following = next((i for i in current if i.state == State.WAITING), None)
        if following is not None:
            following.state = State.SPEAKING
            following.started_at = following.running_since = now
            following.save(update_fields=["state", "started_at", "running_since"])
    return following


def _locked(inscription: Inscription, states, refusal: str, code: str) -> Inscription:
    """The inscription afresh under its list's lock, refused unless in one of `states`."""
    _lock(inscription.speakers_list)
    inscription.refresh_from_db()
    if inscription.state not in states:
        raise SpeakersListError(refusal, code=code)
    return inscription


def _speaking(inscription: Inscription, actor) -> Inscription:
    """The inscription afresh under its list's lock, refused unless it has the floor."""
    _check_officer(actor)
    return _locked(
        inscription,
        (State.SPEAKING,),
        _("This speaker does not have the floor."),
        "not_speaking",
    )


def start_timer(inscription: Inscription, actor, now=None) -> Inscription:
    """Run the timer of the speaker who has the floor again after a pause."""
    with transaction.atomic():
        inscription = _speaking(inscription, actor)
        if inscription.running_since is None:
            inscription.running_since = now or timezone.now()
            inscription.save(update_fields=["running_since"])
    return inscription


def pause_timer(inscription: Inscription, actor, now=None) -> Inscription:
    """Stop the clock of the speaker who has the floor, keeping the time spoken so far."""
    with transaction.atomic():
        inscription = _speaking(inscription, actor)
        if inscription.running_since is not None:
            inscription.seconds_spoken = inscription.elapsed(now or timezone.now())
            inscription.running_since = None
            inscription.save(update_fields=["seconds_spoken", "running_since"])
    return inscription


def end_statement(inscription: Inscription, actor, now=None) -> Inscription:
    """The speaker who has the floor has spoken: the timer stops and the time is kept."""
    with transaction.atomic():
        inscription = _speaking(inscription, actor)
        _end(inscription, now or timezone.now())
    return inscription


def _end(inscription: Inscription, now) -> None:
    inscription.seconds_spoken = inscription.elapsed(now)
    inscription.state, inscription.running_since, inscription.ended_at = State.SPOKE, None, now
    inscription.save(update_fields=["state", "seconds_spoken", "running_since", "ended_at"])


def mark_absent(inscription: Inscription, actor) -> Inscription:
    """A speaker called who is not there, whether waiting or just given the floor: off
    the order of speaking (kept in the record, with no time spoken); or, where the
    session's rules say so, the first time down to the end of the statements (before the
    rights of reply), a change of order kept like an officer's move."""
    _check_officer(actor)
    with transaction.atomic():
        inscription = _locked(
            inscription,
            (State.WAITING, State.SPEAKING),
            _("Only a speaker who is waiting or has the floor can be absent."),
            "not_waiting",
        )
        speakers_list = inscription.speakers_list
        inscription.absences += 1
        inscription.started_at = inscription.running_since = None
        inscription.seconds_spoken = 0
        if inscription.absences == 1 and queries.rules(speakers_list.session).absent_moves_down:
            inscription.state = State.WAITING
            inscription.save(
                update_fields=["state", "absences", "started_at", "running_since", "seconds_spoken"]
            )
            _move_down(speakers_list, inscription, actor)
        else:
            inscription.state = State.ABSENT
            inscription.save(
                update_fields=["state", "absences", "started_at", "running_since", "seconds_spoken"]
            )
    return inscription


def _move_down(speakers_list: SpeakersList, inscription: Inscription, actor) -> None:
    """Put a speaker at the end of the statements, before the rights of reply (the list's
    lock held); the list's order is then fixed, as by an officer's move."""
    current = queries.in_order(speakers_list)
    moving = next(i for i in current if i.pk == inscription.pk)
    from_position = current.index(moving) + 1
    current.remove(moving)
    replies = [i for i in current if i.kind == Inscription.Kind.RIGHT_OF_REPLY]
    to_position = (
        len(current) - len(replies) + 1
        if moving.kind != Inscription.Kind.RIGHT_OF_REPLY
        else len(current) + 1
    )
    _reorder(current, moving, from_position, to_position, actor, _("Absent when called."))
