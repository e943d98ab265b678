"""Read-side helpers for registrations."""

from django.db.models import Count, Q

from sessions_app.models import Session

from .models import Registration, owner_q


def live_registration_of(user, session: Session) -> Registration | None:
    """The user's live registration for the session: made by them, or made for their
    (verified) e-mail address by a focal point."""
    return (
        Registration.objects.owned_by(user)
        .live()
        .filter(session=session)
        .select_related("entity", "nationality", "session", "delegation")
        .first()
    )


def visible_to(user):
    """Registrations the user may see: officers all; others their own (by account or
    e-mail) and those of the delegations they are focal point of."""
    from accounts.roles import is_conference_officer

    registrations = Registration.objects.select_related("session", "entity", "delegation")
    if is_conference_officer(user):
        return registrations
    if not user.is_authenticated:
        return registrations.none()
    return registrations.filter(owner_q(user) | Q(delegation__focal_points=user)).distinct()


def with_waitlist_position(registrations):
    """Each waitlisted registration's place in the queue of its mode, as
    `queue_position` (None for the others), counted by the database in the same query:
    those waitlisted before it, or at the same instant with a smaller id, and itself."""
    from django.db.models import Case, Count, OuterRef, Q, Subquery, When

    ahead = (
        Registration.objects.filter(
            session=OuterRef("session"),
            participation_mode=OuterRef("participation_mode"),
            state=Registration.State.WAITLISTED,
        )
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(place=Count("pk"))
        .values("place")
    )
    return registrations.annotate(
        queue_position=Case(
            When(state=Registration.State.WAITLISTED, then=Subquery(ahead[:1])), default=None
        )
    )


def represented(registrations) -> dict:
    """Whom the registrations represent, for the meeting report (two queries): the Member
    States, the other entities by kind, and the Member States by regional group with their
    participants: "53 Member States and 16 other entities"."""
    from .models import Entity, RegionalGroup

    member_state = Entity.Kind.MEMBER_STATE
    by_kind = {
        row["entity__kind"]: row["entities"]
        for row in registrations.values("entity__kind").annotate(
            entities=Count("entity", distinct=True)
        )
    }
    by_group = (
        registrations.filter(entity__kind=member_state)
        .values("entity__regional_group")
        .annotate(states=Count("entity", distinct=True), participants=Count("pk"))
        .order_by("entity__regional_group")
    )
    kinds, groups = dict(Entity.Kind.choices), dict(RegionalGroup.choices)
    member_states = by_kind.get(member_state, 0)
    return {
        "member_states": member_states,
        "other_entities": sum(by_kind.values()) - member_states,
        "entities_by_kind": [
            (kinds[kind], by_kind[kind])
            for kind in Entity.Kind.values
            if kind in by_kind and kind != member_state
        ],
        "by_group": [
            {
                "label": groups.get(row["entity__regional_group"], ""),
                "states": row["states"],
                "participants": row["participants"],
            }
            for row in by_group
        ],
    }


def attendance_summary(session: Session) -> dict:
    """Counts of approved registrations for the meeting report, in a fixed number of
    queries: whom they represent, participants by mode and by gender (the page adds the
    people checked in at the gate)."""
    approved = Registration.objects.approved().filter(session=session)
    return represented(approved) | {
        "by_mode": {
            row["participation_mode"]: row["n"]
            for row in approved.values("participation_mode").annotate(n=Count("pk"))
        },
        "by_gender": {
            row["gender"]: row["n"] for row in approved.values("gender").annotate(n=Count("pk"))
        },
        "participants": approved.count(),
    }


CONSOLE_ORDER = ("entity__kind", "entity__name_en", "family_name", "given_name", "pk")


def console_registrations(session: Session):
    """The officer console's registrations of the session (its exports too), in the order
    of the list of participants (the id last, so that pages never overlap)."""
    return (
        Registration.objects.filter(session=session)
        .select_related("entity", "nationality", "delegation")
        .order_by(*CONSOLE_ORDER)
    )


def console_page_rows(ids) -> list[Registration]:
    """The rows of one page of the console, given their ids: the page is chosen on the ids
    alone (a narrow sort), and only its rows are read whole."""
    return list(
        Registration.objects.filter(pk__in=list(ids))
        .select_related("entity")
        .order_by(*CONSOLE_ORDER)
    )


def state_counts(registrations) -> dict[str, int]:
    """How many of these registrations are in each state, in one aggregate query."""
    from django.db.models import Count

    rows = registrations.order_by().values("state").annotate(n=Count("pk"))
    return {row["state"]: row["n"] for row in rows}


def registration_for_officer(session: Session, pk: int):
    """One registration of the session with what the officer's detail page shows: its
    entity, delegation (and note verbale), nationality and its history, with who acted."""
    from django.db.models import Prefetch

    from .models import RegistrationEvent

    return (
        Registration.objects.filter(session=session, pk=pk)
        .select_related(
            "entity", "nationality", "delegation__entity", "registered_by", "participant"
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=RegistrationEvent.objects.select_related("actor").order_by("at", "pk"),
            )
        )
    )


def mail_log(registration: Registration):
    """The mails about the registration, newest first, each with its attempts (the
    officers' mail log), in two queries."""
    from django.db.models import Prefetch
    from post_office.models import Log

    from .models import RegistrationMail

    return (
        RegistrationMail.objects.filter(registration=registration)
        .select_related("email")
        .prefetch_related(Prefetch("email__logs", queryset=Log.objects.order_by("-date", "-pk")))
    )


def waitlist_heads(session: Session, size: int):
    """The first `size` of each waiting list of the session (one per participation mode),
    in order, each with its `place` and its queue's length (`waiting`), in one query."""
    from django.db.models import Count, F, Window
    from django.db.models.functions import RowNumber

    queue = {"partition_by": [F("participation_mode")]}
    return (
        Registration.objects.filter(session=session, state=Registration.State.WAITLISTED)
        .select_related("entity")
        .annotate(
            place=Window(RowNumber(), order_by=[F("waitlisted_at"), F("pk")], **queue),
            waiting=Window(Count("pk"), **queue),
        )
        .filter(place__lte=size)
        .order_by("participation_mode", "place")
    )


def neighbours(registrations, pk: int) -> tuple[int | None, int | None]:
    """The ids before and after `pk` in these registrations' order (None at either end,
    or both when it is not among them), from their ids alone, in one query."""
    ids = list(registrations.values_list("pk", flat=True))
    if pk not in ids:
        return None, None
    index = ids.index(pk)
    return (ids[index - 1] if index else None), (ids[index + 1] if index + 1 < len(ids) else None)
