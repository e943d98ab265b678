"""Entities named in the reader's language: States from their ISO code (the UN's short
names where they differ from CLDR's, else CLDR's through Babel), organisations from their
own names per language (one column each) with English as the fallback; salutations
translated."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registration import names, services
from registration.models import Entity
from tests.factories import EntityFactory, SessionFactory, register
from tests.pdfs import assert_printed, pdf_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.fixture
def states():
    services.load_states()


def state(code: str) -> Entity:
    return Entity.objects.get(code=code)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Republic of Korea"),
        ("fr", "République de Corée"),
        ("es", "República de Corea"),
        ("ru", "Республика Корея"),
        ("ar", "جمهورية كوريا"),
        ("zh-hans", "大韩民国"),
    ],
)
def test_a_state_has_the_un_short_name_where_it_differs_from_cldr(states, language, expected):
    with translation.override(language):
        assert state("KOR").display_name == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Austria"),
        ("fr", "Autriche"),
        ("es", "Austria"),
        ("ru", "Австрия"),
        ("ar", "النمسا"),
        ("zh-hans", "奥地利"),
    ],
)
def test_other_states_have_cldr_names(states, language, expected):
    with translation.override(language):
        assert str(state("AUT")) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("TUR", "Türkiye"),
        ("CIV", "Côte d'Ivoire"),
        ("BOL", "Bolivia (Plurinational State of)"),
        ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
        ("VNM", "Viet Nam"),
        ("PSE", "State of Palestine"),
        ("VAT", "Holy See"),
        ("BRN", "Brunei Darussalam"),
    ],
)
def test_english_names_are_the_uns(states, code, expected):
    assert state(code).display_name == expected


def test_every_state_of_the_list_has_a_name_in_every_language(states):
    for language in LANGUAGES:
        with translation.override(language):
            unnamed = [
                entity.code
                for entity in Entity.objects.filter(code__gt="")
                if not names.country_name(entity.code) and language != "en"
            ]
        assert unnamed == [], language


def test_every_row_of_the_un_names_is_a_state_of_the_list_in_an_official_language(states):
    codes = set(Entity.objects.values_list("code", flat=True))

    assert {code for code, _language in names.un_names()} <= codes
    assert {language for _code, language in names.un_names()} == {
        "ar",
        "zh",
        "en",
        "fr",
        "ru",
        "es",
    }


def test_an_organisation_has_its_own_names_with_english_as_the_fallback():
    who = EntityFactory(
        kind=Entity.Kind.UN_ENTITY,
        name_en="World Health Organization",
        name_fr="Organisation mondiale de la Santé",
        name_zh_hans="世界卫生组织",
    )

    assert names.entity_name(who, "fr") == "Organisation mondiale de la Santé"
    assert names.entity_name(who, "zh-hans") == "世界卫生组织"
    assert names.entity_name(who, "ru") == "World Health Organization"
    assert names.entity_name(who, "en") == "World Health Organization"


def test_a_state_without_a_code_keeps_its_stored_name():
    with translation.override("fr"):
        assert EntityFactory(name="Ruritania").display_name == "Ruritania"


@pytest.mark.parametrize("column", ["name_en", "name_fr", "name_zh_hans"])
def test_names_take_one_line_in_every_language(column):
    entity = EntityFactory.build(kind=Entity.Kind.IGO, name_en="Some organization")
    setattr(entity, column, "Two\nlines")

    with pytest.raises(ValidationError):
        entity.full_clean()


def test_an_organisation_is_found_by_its_english_name_whatever_the_language():
    EntityFactory(kind=Entity.Kind.IGO, name_en="World Bank", name_fr="Banque mondiale")

    with translation.override("fr"):
        assert Entity.objects.get(name_en="World Bank").display_name == "Banque mondiale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_names_need_no_query(states, language, django_assert_num_queries):
    entities = list(Entity.objects.all())

    with translation.override(language), django_assert_num_queries(0):
        shown = [entity.display_name for entity in entities]

    assert len(set(shown)) == len(entities)


def test_the_registration_page_names_the_entity_and_salutation_in_its_language(
    delegate_client, delegate, open_session, states
):
    register(open_session, state("RUS"), actor=delegate, salutation="Mr.", by_officer=False)

    text = delegate_client.get("/sessions/demo/register/", HTTP_ACCEPT_LANGUAGE="es").text

    assert "Federación de Rusia" in text
    assert "Sr." in text


def test_the_list_of_participants_prints_names_in_its_language(officer_client, officer, states):
    session = SessionFactory(format="hybrid", slug="ieg")
    services.approve(
        register(session, state("CHN"), salutation="Mr.", consents_to_list=True), officer
    )
    services.approve(
        register(session, state("USA"), salutation="Ms.", consents_to_list=True), officer
    )

    pdf = pdf_in(officer_client, "/sessions/ieg/console/participants.pdf", "fr")

    assert_printed(pdf, "Chine", "États-Unis d'Amérique", "M. ", "Mme ")


def test_the_badge_prints_the_entity_and_salutation_in_its_language(
    client, delegate, officer, states
):
    session = SessionFactory(slug="ieg")
    mine = services.approve(
        register(session, state("DEU"), email=delegate.email, salutation="Ms."), officer
    )
    client.force_login(delegate)

    pdf = pdf_in(client, f"/registrations/{mine.pk}/badge-preview.pdf", "ru")

    assert_printed(pdf, "Германия", "Г-жа")


def test_an_officer_names_an_organisation_in_other_languages_in_the_admin(officer_client):
    response = officer_client.post(
        "/admin/registration/entity/add/",
        {
            "kind": "igo",
            "name_en": "International Organization for Migration",
            "name_ar": "",
            "name_zh_hans": "国际移民组织",
            "name_fr": "Organisation internationale pour les migrations",
            "name_ru": "",
            "name_es": "",
            "formal_name": "",
            "code": "",
            "regional_group": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    iom = Entity.objects.get()
    assert (iom.name_en, iom.name_fr, iom.name_zh_hans, iom.name_ru) == (
        "International Organization for Migration",
        "Organisation internationale pour les migrations",
        "国际移民组织",
        None,
    )


def test_two_organisations_may_both_lack_a_name_in_a_language(officer_client):
    for name in ("First organization", "Second organization"):
        officer_client.post(
            "/admin/registration/entity/add/",
            {"kind": "ngo", "name_en": name, "name_ar": "", "is_active": "on"},
        )

    assert list(Entity.objects.values_list("name_ar", flat=True)) == [None, None]


def test_the_console_finds_a_state_by_its_name_in_the_officers_language(officer_client, states):
    session = SessionFactory(slug="ieg")
    register(session, state("AUT"), family_name="Huber")
    register(session, state("DEU"), family_name="Schmidt")

    text = officer_client.get("/sessions/ieg/console/?q=autriche", HTTP_ACCEPT_LANGUAGE="fr").text

    assert "HUBER" in text.upper() and "SCHMIDT" not in text.upper()


def test_the_form_lists_states_in_the_readers_alphabetical_order_grouped_by_kind(states):
    from registration.forms import entity_choices

    with translation.override("fr"):
        groups = {str(kind): names for kind, names in entity_choices(Entity.objects.all())[1:]}
    member_states = [name for _pk, name in groups["État Membre"]]
    position = {name: index for index, name in enumerate(member_states)}

    assert position["Égypte"] < position["Émirats arabes unis"] < position["Équateur"]
    assert position["Roumanie"] < position[UNITED_KINGDOM_FR] < position["Rwanda"]
    assert [name for _pk, name in groups["État observateur"]] == [
        "État de Palestine",
        "Saint-Siège",
    ]


UNITED_KINGDOM_FR = "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"


def test_the_api_names_the_entity_in_the_language_of_accept_language(officer, open_session):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    who = EntityFactory(
        kind=Entity.Kind.UN_ENTITY, name_en="World Health Organization", name_ar="منظمة الصحة"
    )
    mine = register(open_session, who)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AuthToken.objects.create(user=officer)[1]}")

    arabic = client.get(f"/api/v1/registrations/{mine.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()
    russian = client.get(f"/api/v1/registrations/{mine.pk}/", HTTP_ACCEPT_LANGUAGE="ru").json()

    assert (arabic["entity_name"], russian["entity_name"]) == (
        "منظمة الصحة",
        "World Health Organization",
    )


@pytest.mark.parametrize("words", ["mondiale", "world health"])
def test_the_console_finds_an_organisation_by_its_name_in_french_or_english(officer_client, words):
    session = SessionFactory(slug="ieg")
    who = EntityFactory(kind=Entity.Kind.UN_ENTITY, name_en="World Health Organization")
    who.name_fr = "Organisation mondiale de la Santé"
    who.save()
    register(session, who, family_name="Dupont")
    register(session, EntityFactory(name_en="Austria"), family_name="Huber")

    text = officer_client.get(f"/sessions/ieg/console/?q={words}", HTTP_ACCEPT_LANGUAGE="fr").text

    assert "DUPONT" in text.upper() and "HUBER" not in text.upper()
