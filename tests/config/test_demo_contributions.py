"""The demonstration session's call for written contributions."""

import pytest

from documents.models import Call, Document

pytestmark = pytest.mark.django_db


def test_the_demonstration_session_has_an_open_call_with_contributions_in_each_state(demo):
    call = Call.objects.get(session__slug="demo")

    states = sorted(call.contributions.values_list("state", flat=True))
    assert states == ["accepted", "returned", "submitted"]
    assert call.contributions.get(state="returned").events.last().reason
    published = Document.objects.get(session__slug="demo", kind="written_contribution")
    assert published.title_en.startswith("Reducing reoffending")


def test_the_demo_delegate_is_a_focal_point_who_may_submit(demo, client):
    from django.contrib.auth import get_user_model

    delegate = get_user_model().objects.get(username="delegate@demo.example.org")
    call = Call.objects.get(session__slug="demo")
    client.force_login(delegate)

    page = client.get(f"/contributions/calls/{call.pk}/")

    assert page.status_code == 200
    assert "Submit the contribution" in page.content.decode()


def test_seeding_again_adds_no_call_and_no_contribution(demo):
    from config.demo import seed
    from documents.models import Contribution
    from tests.config.conftest import TODAY, quiet

    seed(today=TODAY, log=quiet)

    assert (
        Call.objects.count(),
        Contribution.objects.count(),
        Document.objects.filter(kind="written_contribution").count(),
    ) == (1, 3, 1)
