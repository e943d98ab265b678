"""The main pages of the site, each as the role that works in it, on the demo meeting: for the
accessibility test (axe-core) and the phone test (375 px)."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import ROLES, grant_role_permissions
from config.demo import seed
from languages.models import Language
from languages.official import OFFICIAL
from registration import services
from registration.models import Entity
from tests.factories import UserFactory, register

SESSION = "demo"


def demo_people() -> dict:
    """Seed the demo meeting (registration open in `demo`, running around today) and return
    a user per role: None for anonymous."""
    restore_migration_data()
    seed(log=lambda *args: None)
    User = get_user_model()
    delegate = UserFactory(email="registered@example.org")
    session = _session()
    registration = register(
        session,
        Entity.objects.get(code="EGY"),
        participant=delegate,
        email=delegate.email,
        given_name="Nadia",
        family_name="Farouk",
        identity_document_type="passport",
        identity_document_number="A1234567",
        identity_document_expiry=date(2031, 5, 31),
    )
    focal_point = UserFactory(email="focal.point@example.org")
    delegation = services.delegation_for(session, Entity.objects.get(code="AUT"))
    delegation.focal_points.add(focal_point)
    return {
        "anonymous": None,
        "newcomer": UserFactory(email="newcomer@example.org"),
        "delegate": delegate,
        "focal point": focal_point,
        "officer": User.objects.get(email="officer@demo.example.org"),
        "coordinator": User.objects.get(email="interpretation@demo.example.org"),
        "delegation": delegation,
        "registration": registration,
    }


def restore_migration_data() -> None:
    """The list of languages and the roles, which migrations make: a live-server test's
    database is emptied after each test (serialized_rollback would clash with the roles that
    post_migrate makes again)."""
    for order, language in enumerate(OFFICIAL, start=1):
        Language.objects.update_or_create(
            code=language.code,
            defaults={"name": language.english_name, "is_official": True, "order": order},
        )
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    grant_role_permissions()


def _session():
    from sessions_app.models import Session

    return Session.objects.get(slug=SESSION)


def main_pages(people: dict) -> list[tuple[str, str, str]]:
    """(name, role, path) of each main page."""
    from documents.models import Call

    delegation, registration = people["delegation"].pk, people["registration"].pk
    call = Call.objects.get(session__slug=SESSION).pk
    return [
        ("home", "anonymous", "/"),
        ("session", "anonymous", f"/sessions/{SESSION}/"),
        ("register", "newcomer", f"/sessions/{SESSION}/register/"),
        ("my registration", "delegate", f"/sessions/{SESSION}/register/"),
        ("my account", "delegate", "/profile/"),
        ("my calendar", "delegate", "/profile/calendar/"),
        ("my delegations", "focal point", "/delegations/"),
        ("delegation", "focal point", f"/delegations/{delegation}/"),
        ("rooms", "anonymous", "/rooms/"),
        ("room", "officer", "/rooms/boardroom-d/"),
        ("room week", "officer", "/rooms/boardroom-d/week/"),
        ("interpretation plan", "coordinator", f"/sessions/{SESSION}/interpretation/"),
        ("console", "officer", f"/sessions/{SESSION}/console/"),
        ("console detail", "officer", f"/sessions/{SESSION}/console/{registration}/"),
        ("gate", "officer", f"/sessions/{SESSION}/gate/"),
        ("badges", "officer", f"/sessions/{SESSION}/badges/"),
        ("attendance", "officer", f"/sessions/{SESSION}/console/attendance/"),
        ("content", "officer", f"/sessions/{SESSION}/content/"),
        ("content in French", "officer", f"/sessions/{SESSION}/content/?language=fr"),
        ("documents", "anonymous", f"/sessions/{SESSION}/documents/"),
        ("documents (Secretariat)", "officer", f"/sessions/{SESSION}/documents/"),
        ("add a document", "officer", f"/sessions/{SESSION}/documents/new/"),
        ("upload a set of documents", "officer", f"/sessions/{SESSION}/documents/upload/"),
        ("calls for contributions", "focal point", "/contributions/"),
        ("call for contributions", "focal point", f"/contributions/calls/{call}/"),
        ("screening contributions", "officer", f"/contributions/calls/{call}/screening/"),
        ("who has contributed", "officer", f"/contributions/calls/{call}/table/"),
        ("online attendance", "officer", f"/sessions/{SESSION}/online-attendance/"),
        ("lists of speakers", "focal point", f"/sessions/{SESSION}/speakers/"),
        ("lists of speakers (Secretariat)", "officer", f"/sessions/{SESSION}/speakers/"),
        ("speakers report", "officer", f"/sessions/{SESSION}/speakers/report/"),
    ]


def browser_context(browser, live_server, user, **options):
    """A browser context of its own, signed in as the user (None: anonymous)."""
    context = browser.new_context(**options)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def in_language(context, live_server, language: str) -> None:
    """The site's language for the context: Django's language cookie."""
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
