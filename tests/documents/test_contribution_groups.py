"""Written contributions are listed as the UN lists them: Member States alphabetically,
then observer States, UN entities, institutes, intergovernmental organisations, NGOs
(not Entity.Kind's order), on the page too, by entity where they have no symbol."""

import pytest
from django.urls import reverse

from documents.models import Document
from documents.queries import contribution_groups
from registration.models import Entity
from tests.documents.common import document
from tests.factories import EntityFactory

pytestmark = pytest.mark.django_db

Kind = Entity.Kind


def contribution(session, entity, symbol="", **fields):
    return document(
        session,
        symbol=symbol,
        kind=Document.Kind.WRITTEN_CONTRIBUTION,
        entity=entity,
        title_en=f"Contribution of {entity.name}",
        **fields,
    )


@pytest.fixture
def contributions(session):
    entities = [
        EntityFactory(kind=Kind.NGO, name="Penal Reform International"),
        EntityFactory(kind=Kind.IGO, name="Council of Europe"),
        EntityFactory(kind=Kind.PNI, name="UNICRI"),
        EntityFactory(kind=Kind.UN_ENTITY, name="UNDP"),
        EntityFactory(kind=Kind.OBSERVER_STATE, name="Holy See"),
        EntityFactory(kind=Kind.MEMBER_STATE, name="Mexico"),
        EntityFactory(kind=Kind.MEMBER_STATE, name="austria"),
        EntityFactory(kind=Kind.MEMBER_STATE, name="Brazil"),
        EntityFactory(kind=Kind.EXPERT, name="An expert"),
    ]
    return [contribution(session, entity) for entity in entities]


def test_groups_come_in_the_un_order_and_states_alphabetically(contributions):
    groups = contribution_groups(contributions)

    assert [str(group.label) for group in groups] == [
        "Member States",
        "Observer States",
        "United Nations entities",
        "Institutes of the programme network",
        "Intergovernmental organizations",
        "Non-governmental organizations",
        "Other contributors",
    ]
    assert [doc.entity.name for doc in groups[0].documents] == ["austria", "Brazil", "Mexico"]


def test_the_page_lists_contributions_by_entity_in_that_order(client, session, contributions):
    html = client.get(reverse("documents:session-documents", args=[session.slug])).content
    html = html.decode()
    section = html[html.index("Written contributions") :]

    names = ["austria", "Brazil", "Mexico", "Holy See", "UNDP", "UNICRI", "Council of Europe"]
    positions = [section.index(name) for name in [*names, "Penal Reform International"]]
    assert positions == sorted(positions)


def test_a_version_in_the_original_language_only_is_marked(client, session):
    contribution(
        session,
        EntityFactory(name="France"),
        languages=("fr",),
        original_language="fr",
        title_fr="Contribution de la France",
    )
    html = client.get(reverse("documents:session-documents", args=[session.slug])).content

    assert ">Français</a> <small>PDF, original</small>" in html.decode()


def test_states_are_named_and_ordered_in_the_readers_language(session):
    from django.utils import translation

    states = [
        EntityFactory(kind=Kind.MEMBER_STATE, name=name, code=code)
        for name, code in (("Germany", "DEU"), ("Austria", "AUT"), ("Egypt", "EGY"))
    ]
    documents = [contribution(session, state) for state in states]

    with translation.override("fr"):
        names = [d.entity.display_name for d in contribution_groups(documents)[0].documents]

    assert names == ["Allemagne", "Autriche", "Égypte"]
