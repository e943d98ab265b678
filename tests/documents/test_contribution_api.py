"""The contributions API: who lists what, submitting as multipart, the officers' actions,
refusals by the rules as 409, the unauthorised as 401 and 403."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from documents.models import Contribution, Document
from tests.documents.common import upload
from tests.documents.contribution_common import focal_point, open_call, submit
from tests.factories import EntityFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {AuthToken.objects.create(user=user)[1]}")
    return client


LIST = "/api/v1/sessions/ieg-2-2025/contributions/"


def action(contribution, name: str) -> str:
    return f"{LIST}{contribution.pk}/{name}/"


def test_a_focal_point_lists_their_entitys_contributions_only(call, session, sender):
    theirs = submit(call, sender[1], sender[0])
    other_user, other_entity = focal_point(session)
    submit(call, other_entity, other_user)

    answer = api(sender[0]).get(LIST)

    assert [row["id"] for row in answer.json()["results"]] == [theirs.pk]
    row = answer.json()["results"][0]
    assert (row["state"], row["entity"], row["files"][0]["language"]) == (
        "submitted",
        sender[1].pk,
        "en",
    )
    assert row["files"][0]["url"].endswith(f"/contributions/files/{theirs.files.get().pk}/")


def test_an_officer_lists_all(call, session, sender, officer):
    submit(call, sender[1], sender[0])
    submit(call, *reversed(focal_point(session)))

    assert api(officer).get(LIST).json()["count"] == 2


def test_the_list_uses_the_same_queries_whatever_the_number(call, session, officer):
    client = api(officer)
    submit(call, *reversed(focal_point(session)))
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _n in range(4):
        submit(call, *reversed(focal_point(session)), languages=("en", "fr"))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)

    assert len(many) == len(few)


def test_anonymous_readers_are_refused_with_401(call):
    assert api().get(LIST).status_code == 401


def test_a_focal_point_submits_as_multipart(call, sender):
    user, entity = sender

    answer = api(user).post(
        LIST,
        {
            "call": call.pk,
            "entity": entity.pk,
            "title": "Our practice",
            "original_language": "es",
            "consents_to_publication": "true",
            "file_es": upload("es.pdf"),
        },
        format="multipart",
    )

    assert answer.status_code == 201, answer.json()
    assert (answer.json()["state"], answer.json()["original_language"]) == ("submitted", "es")
    assert Contribution.objects.get().submitted_by == user


def _submission(call, entity, **fields):
    return {
        "call": call.pk,
        "entity": entity.pk,
        "title": "Our practice",
        "original_language": "en",
        "consents_to_publication": "true",
        "file_en": upload("en.pdf"),
    } | fields


def test_someone_else_may_not_submit_for_an_entity(call, sender):
    answer = api(UserFactory()).post(LIST, _submission(call, sender[1]), format="multipart")

    assert answer.status_code == 403
    assert not Contribution.objects.exists()


def test_a_submission_refused_by_the_rules_answers_409_with_its_code(call, sender):
    answer = api(sender[0]).post(
        LIST, _submission(call, sender[1], consents_to_publication="false"), format="multipart"
    )

    assert (answer.status_code, answer.json()["code"]) == (409, "consent")


def test_a_call_of_another_session_is_refused(sender):
    other = open_call(SessionFactory())

    answer = api(sender[0]).post(LIST, _submission(other, sender[1]), format="multipart")

    assert answer.status_code == 400
    assert "call" in answer.json()


def test_an_officer_accepts_with_a_symbol(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])

    answer = api(officer).post(
        action(contribution, "accept"), {"symbol": "UNODC/CCPCJ/EG.10/2025/CRP.4"}, format="json"
    )

    assert answer.status_code == 200
    assert (answer.json()["state"], answer.json()["symbol"]) == (
        "accepted",
        "UNODC/CCPCJ/EG.10/2025/CRP.4",
    )
    assert Document.objects.get().kind == "written_contribution"


def test_an_officer_returns_with_a_reason_the_focal_point_reads(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])

    api(officer).post(action(contribution, "return"), {"reason": "Too long."}, format="json")

    row = api(sender[0]).get(LIST).json()["results"][0]
    assert (row["state"], row["reason"]) == ("returned", "Too long.")


def test_declining_without_a_reason_is_bad_input(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])

    answer = api(officer).post(action(contribution, "decline"), {}, format="json")

    assert answer.status_code == 400


def test_accepting_twice_answers_409(call, sender, officer):
    contribution = submit(call, sender[1], sender[0])
    client = api(officer)
    client.post(action(contribution, "accept"), {}, format="json")

    answer = client.post(action(contribution, "accept"), {}, format="json")

    assert (answer.status_code, answer.json()["code"]) == (409, "wrong_state")


@pytest.mark.parametrize("name", ["accept", "return", "decline"])
def test_a_focal_point_may_not_screen(call, sender, name):
    contribution = submit(call, sender[1], sender[0])

    answer = api(sender[0]).post(action(contribution, name), {"reason": "x"}, format="json")

    assert answer.status_code == 403
    contribution.refresh_from_db()
    assert contribution.state == "submitted"


def test_screening_anonymously_answers_401(call, sender):
    contribution = submit(call, sender[1], sender[0])

    assert api().post(action(contribution, "accept"), {}, format="json").status_code == 401


def test_the_schema_documents_the_contributions_api():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    listing = paths["/api/v1/sessions/{session_slug}/contributions/"]
    accept = paths["/api/v1/sessions/{session_slug}/contributions/{contribution_id}/accept/"]

    assert "multipart/form-data" in listing["post"]["requestBody"]["content"]
    assert accept["post"]["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DomainError"
    }
    assert {"401", "403"} <= set(accept["post"]["responses"])


def test_an_entity_of_another_kind_is_refused_with_409(call, session):
    from registration.models import Entity

    user, entity = focal_point(session, EntityFactory(kind=Entity.Kind.NGO))

    answer = api(user).post(LIST, _submission(call, entity), format="multipart")

    assert (answer.status_code, answer.json()["code"]) == (409, "not_invited")
