"""The admin obeys the proceedings services: a list is opened only for an item of the
session's agenda, opened and closed by the actions; inscriptions and changes of order
are read only there."""

from proceedings import queries, services
from proceedings.models import Inscription, SpeakersList, SpeakingRules
from tests.proceedings.conftest import inscribe

INLINE = {"inscriptions-TOTAL_FORMS": "0", "inscriptions-INITIAL_FORMS": "0"}


def test_an_officer_opens_a_list_for_an_item_of_the_agenda(officer_client, session):
    response = officer_client.post(
        "/admin/proceedings/speakerslist/add/", {"session": session.pk, "item_number": 2, **INLINE}
    )

    assert response.status_code == 302
    assert SpeakersList.objects.get().item_number == 2


def test_a_list_for_an_item_not_on_the_agenda_is_refused_on_the_form(officer_client, session):
    response = officer_client.post(
        "/admin/proceedings/speakerslist/add/", {"session": session.pk, "item_number": 9, **INLINE}
    )

    assert response.status_code == 200
    assert "The session&#x27;s agenda has no item 9." in response.text
    assert not SpeakersList.objects.exists()


def test_the_action_closes_lists_through_the_service(officer_client, speakers_list):
    officer_client.post(
        "/admin/proceedings/speakerslist/",
        {"action": "close_lists", "_selected_action": [speakers_list.pk]},
    )

    speakers_list.refresh_from_db()
    assert speakers_list.is_open is False


def test_a_list_shows_its_inscriptions(officer_client, speakers_list, member):
    inscribe(speakers_list, member("Austria"))

    response = officer_client.get(f"/admin/proceedings/speakerslist/{speakers_list.pk}/change/")

    assert response.status_code == 200
    assert "Austria" in response.text


def test_an_inscription_cannot_be_changed_in_the_admin(officer_client, speakers_list, member):
    inscription = inscribe(speakers_list, member("Austria"))

    officer_client.post(
        f"/admin/proceedings/inscription/{inscription.pk}/change/", {"state": "spoke"}
    )
    officer_client.post(f"/admin/proceedings/inscription/{inscription.pk}/delete/", {"post": "yes"})

    inscription.refresh_from_db()
    assert inscription.state == Inscription.State.WAITING


def test_the_changes_of_order_are_listed(officer_client, speakers_list, member, officer):
    inscribe(speakers_list, member("Austria"))
    services.move(inscribe(speakers_list, member("Brazil")), 1, officer, "Brazil first.")

    response = officer_client.get("/admin/proceedings/orderchange/")

    assert response.status_code == 200
    assert "Brazil" in response.text


def test_an_officer_sets_a_sessions_speaking_rules(officer_client, session):
    response = officer_client.post(
        "/admin/proceedings/speakingrules/add/",
        {
            "session": session.pk,
            "by_level": "on",
            "statement_minutes": 4,
            "group_minutes": 6,
            "reply_minutes": 2,
        },
    )

    assert response.status_code == 302
    rules = queries.rules(session)
    assert (rules.by_level, rules.statement_minutes) == (True, 4)


def test_a_time_limit_of_no_minutes_is_refused(officer_client, session):
    officer_client.post(
        "/admin/proceedings/speakingrules/add/",
        {"session": session.pk, "statement_minutes": 0, "group_minutes": 7, "reply_minutes": 3},
    )

    assert not SpeakingRules.objects.exists()
