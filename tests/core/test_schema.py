"""The schema documents the API's error answers once for every operation (core.schema)."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def paths() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


def answers(paths: dict, method: str, path: str) -> dict:
    responses = paths[f"/api/v1/{path}"][method]["responses"]
    return {
        code: response.get("content", {}).get("application/json", {}).get("schema", {})
        for code, response in responses.items()
    }


def test_a_public_list_documents_bad_filters_and_bad_tokens(paths):
    assert set(answers(paths, "get", "sittings/")) == {"200", "400", "401"}


def test_an_officers_detail_documents_who_may_not_and_what_is_not_there(paths):
    assert set(answers(paths, "get", "bookings/{id}/")) == {"200", "401", "403", "404"}


def test_a_change_of_state_documents_a_refusal_by_the_rules_with_its_code(paths):
    refused = answers(paths, "post", "registrations/{id}/approve/")["409"]

    assert refused == {"$ref": "#/components/schemas/DomainError"}


def test_a_throttled_write_documents_429(paths):
    assert "429" in answers(paths, "post", "sessions/{session_slug}/registrations/")


def test_an_operation_that_documents_an_error_itself_keeps_its_own(paths):
    conflict = answers(paths, "post", "bookings/")["409"]

    assert conflict == {"$ref": "#/components/schemas/Conflict"}
