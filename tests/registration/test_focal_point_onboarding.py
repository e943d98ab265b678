"""Focal points: the outcome of a sheet upload summarised at the top of the page, the
admin's focal-point picker by e-mail, and members registered by a focal point told to
create an account and add their photo."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from registration.models import Registration
from tests.factories import EntityFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = "salutation,given_name,family_name,email,participation_mode"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Mail goes once the transaction commits: here, when the action is done."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def session(open_session):
    open_session.in_person_capacity = 1
    open_session.save()
    return open_session


def sheet(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("members.csv", "\n".join([HEADER, *rows]).encode())


def upload(client, delegation, *rows):
    return client.post(f"/delegations/{delegation.pk}/sheet/", {"sheet": sheet(*rows)})


def add_member(client, delegation, mode="in_person", email="lukas@example.org"):
    return client.post(
        f"/delegations/{delegation.pk}/members/",
        {
            "email": email,
            "participation_mode": mode,
            "salutation": "Mr.",
            "given_name": "Lukas",
            "family_name": "Gruber",
        },
    )


def mail_to(address: str):
    (message,) = [message for message in mail.outbox if address in message.to]
    return message


def test_a_refused_sheet_is_summarised_at_the_top(delegate_client, delegation):
    response = upload(
        delegate_client,
        delegation,
        "Ms.,Amina,Haddad,amina@example.org,in_person",
        "Mr.,Omar,Haddad,not-an-email,in_person",
        "Mr.,Ali,Haddad,ali@example.org,by pigeon",
    )

    html = response.text
    summary = re.search(r'<div class="message error upload-summary".*?</div>', html, re.S).group(0)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "3 rows read" in summary and "2 with errors" in summary
    assert 'href="#sheet-errors"' in summary and 'id="sheet-errors"' in html
    assert html.index("upload-summary") < html.index("<h2>Members</h2>")
    assert not Registration.objects.exists()


def test_a_sheet_that_cannot_be_read_is_summarised_too(delegate_client, delegation, settings):
    settings.SHEET_MAX_BYTES = 10

    response = upload(delegate_client, delegation, "Ms.,Amina,Haddad,amina@example.org,online")

    assert "the file could not be read" in response.text


def test_a_good_sheet_says_how_many_rows_were_read_and_registered(delegate_client, delegation):
    response = upload(
        delegate_client,
        delegation,
        "Ms.,Amina,Haddad,amina@example.org,in_person",
        "Mr.,Omar,Haddad,omar@example.org,in_person",
        "Mr.,Ali,Haddad,ali@example.org,online",
    )

    page = delegate_client.get(response.url).text
    assert "3 rows read: 3 members registered. 1 of them is on the waiting list." in page


def test_a_member_added_by_a_focal_point_is_told_to_create_an_account(
    delegate_client, delegation, sent
):
    sent(add_member, delegate_client, delegation)

    body = mail_to("lukas@example.org").body
    assert "create an account with this e-mail address, lukas@example.org" in body
    assert "/accounts/signup/?next=%2Fsessions%2Fdemo%2Fregister%2F" in body
    assert "add your photo for the badge" in body


def test_an_online_member_is_not_asked_for_a_photo(delegate_client, delegation, sent):
    sent(add_member, delegate_client, delegation, mode="online")

    body = mail_to("lukas@example.org").body
    assert "create an account" in body and "photo" not in body


def test_a_waitlisted_member_is_told_too(delegate_client, delegation, sent):
    add_member(delegate_client, delegation, email="first@example.org")
    sent(add_member, delegate_client, delegation, email="second@example.org")

    assert "create an account" in mail_to("second@example.org").body


def test_who_registers_themself_is_not_told_to_create_an_account(delegate_client, session, sent):
    sent(
        delegate_client.post,
        "/sessions/demo/register/",
        {
            "entity": EntityFactory().pk,
            "participation_mode": "online",
            "salutation": "Ms.",
            "given_name": "Amina",
            "family_name": "Haddad",
            "privacy_acknowledged": "on",
        },
    )

    assert mail.outbox and all("create an account" not in m.body for m in mail.outbox)


def test_the_other_focal_points_hear_that_the_member_was_asked(delegate_client, delegation, sent):
    other = UserFactory(email="other.focal@example.org")
    delegation.focal_points.add(other)

    sent(add_member, delegate_client, delegation)

    assert "asked them by e-mail to create an account" in mail_to(other.email).body


def test_the_admin_picks_focal_points_by_email(officer_client, delegation):
    UserFactory(username="xk3j9", email="zeynep@example.org")

    html = officer_client.get(f"/admin/registration/delegation/{delegation.pk}/change/").text

    picker = re.search(r'<select name="focal_points".*?</select>', html, re.S).group(0)
    assert ">zeynep@example.org</option>" in picker
    assert "xk3j9" not in picker


def test_the_user_admin_finds_people_by_email(admin_client):
    UserFactory(username="xk3j9", email="zeynep@example.org")

    response = admin_client.get("/admin/auth/user/", {"q": "zeynep@example"})

    assert "xk3j9" in response.text
