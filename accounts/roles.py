"""Roles are Django groups (created by migration 0001). Delegates and focal points are
plain users: what they may touch comes from their registrations and delegations."""

from django.contrib.auth.models import Group, Permission

CONFERENCE_OFFICERS = "Conference officers"
INTERPRETATION_COORDINATORS = "Interpretation coordinators"
INTERPRETERS = "Interpreters"  # created by migration 0006
ROLES = (CONFERENCE_OFFICERS, INTERPRETATION_COORDINATORS, INTERPRETERS)

# Conference officers run the Secretariat's console, including the admin of these apps.
OFFICER_APPS = (
    "languages",
    "sessions_app",
    "registration",
    "interpretation",
    "badges",
    "documents",
    "online",
    "proceedings",
    "knox",
)


def has_role(user, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # One query for all of a user's roles, however many a page asks about.
    names = getattr(user, "_role_names", None)
    if names is None:
        names = user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return role in names


def is_conference_officer(user) -> bool:
    return has_role(user, CONFERENCE_OFFICERS)


def is_interpretation_coordinator(user) -> bool:
    return has_role(user, INTERPRETATION_COORDINATORS)


def is_interpreter(user) -> bool:
    return has_role(user, INTERPRETERS)


def reads_statements(user) -> bool:
    """Interpreters, interpretation coordinators and conference officers read speakers'
    statements before delivery (the booth view)."""
    return (
        is_interpreter(user) or is_interpretation_coordinator(user) or is_conference_officer(user)
    )


def plans_interpretation(user) -> bool:
    """Interpretation coordinators and conference officers plan interpretation."""
    return is_interpretation_coordinator(user) or is_conference_officer(user)


def grant_role_permissions(**kwargs) -> None:
    """Give conference officers every permission of the domain apps (post_migrate:
    permissions exist only after all migrations have run)."""
    group, _ = Group.objects.get_or_create(name=CONFERENCE_OFFICERS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=OFFICER_APPS))
