"""A translator's round trip: a session's texts exported as XLIFF 2.0 or CSV for one language
and the translated file imported back, checked whole first."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sessions_app import content_exchange
from sessions_app.models import Series, Session, Sitting
from tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
AGENDA = "1. Opening of the meeting\n2. Adoption of the agenda (resolution 76/182)"
AGENDA_FR = "1. Ouverture de la réunion\n2. Adoption de l'ordre du jour (résolution 76/182)"


@pytest.fixture
def session(room):
    session = SessionFactory(slug="ieg-2-2025", title="Second meeting", room=room, venue=room.venue)
    SittingFactory(session=session, room=room, title="1st plenary meeting", agenda_items=AGENDA)
    return session


def export(client, session, language="fr", extension="xlf"):
    return client.get(f"/sessions/{session.slug}/content/export/{language}.{extension}")


def parse_xliff(body: bytes):
    return ET.fromstring(body)  # noqa: S314 (our own export, read with a second parser)


def units_of(root) -> dict[str, tuple[str, str | None]]:
    found = {}
    for unit in root.iterfind(".//x:unit", NS):
        target = unit.find("x:segment/x:target", NS)
        found[unit.get("id")] = (
            unit.find("x:segment/x:source", NS).text or "",
            None if target is None else target.text,
        )
    return found


def upload(client, session, body, name="ieg-2-2025-fr.xlf", language="fr"):
    return client.post(
        f"/sessions/{session.slug}/content/import/",
        {"language": language, "file": SimpleUploadedFile(name, body)},
    )


def fill(body: bytes, targets: dict[str, str]) -> bytes:
    """The exported XLIFF with targets written in, as a CAT tool does."""
    root = parse_xliff(body)
    for unit in root.iterfind(".//x:unit", NS):
        if unit.get("id") in targets:
            segment = unit.find("x:segment", NS)
            target = segment.find("x:target", NS)
            if target is None:
                target = ET.SubElement(segment, f"{{{NS['x']}}}target")
            target.text = targets[unit.get("id")]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- Export ------------------------------------------------------------------------------


def test_the_xliff_is_version_2_from_english_to_the_language(officer_client, session):
    root = parse_xliff(export(officer_client, session).content)

    assert (root.tag, root.get("version"), root.get("srcLang"), root.get("trgLang")) == (
        "{urn:oasis:names:tc:xliff:document:2.0}xliff",
        "2.0",
        "en",
        "fr",
    )


def test_the_xliff_has_one_file_with_a_unit_per_text(officer_client, session):
    root = parse_xliff(export(officer_client, session).content)

    assert len(root.findall("x:file", NS)) == 1
    assert units_of(root)[f"session.{session.pk}.title"] == ("Second meeting", None)


def test_the_xliff_keeps_the_lines_of_the_agenda(officer_client, session):
    sitting = session.sittings.get()

    units = units_of(parse_xliff(export(officer_client, session).content))

    assert units[f"sitting.{sitting.pk}.agenda_items"][0] == AGENDA


def test_the_xliff_carries_existing_translations_as_targets(officer_client, session):
    Session.objects.update(title_fr="Deuxième réunion")

    units = units_of(parse_xliff(export(officer_client, session).content))

    assert units[f"session.{session.pk}.title"] == ("Second meeting", "Deuxième réunion")


def test_the_csv_opens_in_excel_as_utf8_with_id_source_and_target(officer_client, session):
    Session.objects.update(title_ar="الاجتماع الثاني")

    body = export(officer_client, session, "ar", "csv").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))

    assert body.startswith(b"\xef\xbb\xbf")
    assert rows[0] == ["id", "source", "target (ar)"]
    assert [f"session.{session.pk}.title", "Second meeting", "الاجتماع الثاني"] in rows


def test_the_csv_keeps_the_lines_of_the_agenda(officer_client, session):
    sitting = session.sittings.get()

    body = export(officer_client, session, "fr", "csv").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))

    assert [f"sitting.{sitting.pk}.agenda_items", AGENDA, ""] in rows


def test_an_unknown_language_is_not_exported(officer_client, session):
    assert export(officer_client, session, "de").status_code == 404


def test_english_is_not_a_target(officer_client, session):
    assert export(officer_client, session, "en").status_code == 404


def test_a_delegate_may_not_export(delegate_client, session):
    assert export(delegate_client, session).status_code == 403


def test_an_anonymous_visitor_may_not_export(client, session):
    response = export(client, session)

    assert response.status_code == 302 and "/login/" in response.url


def test_the_export_takes_as_many_queries_for_many_sittings(officer_client, session, room):
    export(officer_client, session)
    with CaptureQueriesContext(connection) as one:
        export(officer_client, session)
    SittingFactory.create_batch(5, session=session, room=room, agenda_items=AGENDA)

    with CaptureQueriesContext(connection) as six:
        export(officer_client, session)

    assert len(six) == len(one)


# --- Round trip --------------------------------------------------------------------------


def test_a_translated_xliff_comes_back_and_the_pages_show_french(officer_client, client, session):
    sitting = session.sittings.get()
    body = fill(
        export(officer_client, session).content,
        {
            f"session.{session.pk}.title": "Deuxième réunion",
            f"sitting.{sitting.pk}.agenda_items": AGENDA_FR,
        },
    )

    response = upload(officer_client, session, body)
    client.cookies.load({"django_language": "fr"})
    text = client.get(f"/sessions/{session.slug}/").text

    assert response.status_code == 302
    assert "<h1>Deuxième réunion</h1>" in text
    assert '<li dir="auto">1. Ouverture de la réunion</li>' in text


def test_the_import_says_how_many_translations_it_updated(officer_client, session):
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})

    response = upload(officer_client, session, body)

    assert "Imported: 1 translation updated." in officer_client.get(response.url).text


def test_an_empty_target_leaves_the_translation_as_it_was(officer_client, session):
    Session.objects.update(title_fr="Deuxième réunion")
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": ""})

    upload(officer_client, session, body)

    assert Session.objects.get().title_fr == "Deuxième réunion"


def test_a_translated_csv_comes_back(officer_client, session):
    body = export(officer_client, session, "es", "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    for row in rows:
        if row[0] == f"session.{session.pk}.title":
            row[2] = "Segunda reunión"
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    response = upload(
        officer_client, session, out.getvalue().encode("utf-8-sig"), "ieg-es.csv", "es"
    )

    assert response.status_code == 302
    assert Session.objects.get().title_es == "Segunda reunión"


def test_a_cat_tool_splitting_a_unit_into_segments_is_joined_again(officer_client, session):
    body = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"'
        ' trgLang="fr"><file id="f"><unit id="session.{pk}.title">'
        "<segment><source>Second</source><target>Deuxième</target></segment>"
        "<ignorable><source> </source></ignorable>"
        "<segment><source>meeting</source><target>réunion</target></segment>"
        "</unit></file></xliff>"
    ).replace("{pk}", str(session.pk))

    upload(officer_client, session, body.encode())

    assert Session.objects.get().title_fr == "Deuxième réunion"


# --- Refusals ----------------------------------------------------------------------------


def test_a_file_with_one_bad_entry_is_refused_whole(officer_client, session):
    sitting = session.sittings.get()
    body = fill(
        export(officer_client, session).content,
        {
            f"session.{session.pk}.title": "Deuxième réunion",
            f"series.{session.series_id}.name": "Groupe d'experts",
            f"sitting.{sitting.pk}.agenda_items": "1. Ouverture de la réunion",  # a line short
        },
    )

    response = upload(officer_client, session, body)

    assert response.status_code == 400
    assert f"sitting.{sitting.pk}.agenda_items" in response.text
    assert f"<code>session.{session.pk}.title</code>: " not in response.text
    assert (Session.objects.get().title_fr, Series.objects.get().name_fr) == (None, None)


def _refusal(officer_client, session, targets=None, *, body=None, **kwargs) -> str:
    if body is None:
        body = fill(export(officer_client, session).content, targets or {})
    response = upload(officer_client, session, body, **kwargs)
    assert response.status_code == 400
    assert Session.objects.get().title_fr is None
    return response.text


def test_an_unknown_id_is_named(officer_client, session):
    body = export(officer_client, session).content.replace(
        f'id="session.{session.pk}.title"'.encode(), b'id="session.999999.title"'
    )

    text = _refusal(officer_client, session, body=body)

    assert "<code>session.999999.title</code>: There is no such text in this session." in text


def test_an_entry_whose_english_has_changed_since_the_export_is_refused(officer_client, session):
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})
    Session.objects.update(title_en="Second meeting of the expert group")

    text = _refusal(officer_client, session, body=body)

    assert f"<code>session.{session.pk}.title</code>: The English has changed" in text


def test_a_translation_without_the_resolution_number_is_refused(officer_client, session):
    sitting = session.sittings.get()
    wrong = AGENDA_FR.replace("76/182", "76")

    text = _refusal(officer_client, session, {f"sitting.{sitting.pk}.agenda_items": wrong})

    assert "The number 76/182 is missing." in text


def test_a_translation_without_the_web_address_is_refused(officer_client, session):
    Session.objects.update(joining_details_en="Join at https://meet.example.org/ieg-2.")
    body = fill(
        export(officer_client, session).content,
        {f"session.{session.pk}.joining_details": "Rejoindre la réunion en ligne."},
    )

    text = _refusal(officer_client, session, body=body)

    assert "The web address https://meet.example.org/ieg-2 is missing." in text


def test_a_translation_without_a_placeholder_is_refused(officer_client, session):
    Session.objects.update(description_en="Register by {deadline}.")
    body = fill(
        export(officer_client, session).content,
        {f"session.{session.pk}.description": "Inscrivez-vous."},
    )

    text = _refusal(officer_client, session, body=body)

    assert "The placeholder {deadline} is missing." in text


def test_a_title_translated_on_two_lines_is_refused(officer_client, session):
    text = _refusal(officer_client, session, {f"session.{session.pk}.title": "Deuxième\nréunion"})

    assert "Write this on one line" in text


def test_a_file_into_another_language_is_refused(officer_client, session):
    body = fill(export(officer_client, session, "ru").content, {})

    text = _refusal(officer_client, session, body=body)

    assert "The file is a translation into ru, not fr." in text


def test_a_csv_into_another_language_is_refused(officer_client, session):
    body = export(officer_client, session, "ru", "csv").content

    text = _refusal(officer_client, session, body=body, name="ieg.csv")

    assert "The file is a translation into ru, not fr." in text


def test_a_malformed_file_is_refused(officer_client, session):
    text = _refusal(officer_client, session, body=b"<xliff><file>")

    assert "The file is not well-formed XML." in text


def test_an_xml_file_that_is_not_xliff_2_is_refused(officer_client, session):
    body = b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>'

    assert "The file is not an XLIFF 2.0 document." in _refusal(officer_client, session, body=body)


def test_a_file_with_entities_is_refused_unread(officer_client, session):
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"'
        b' trgLang="fr">&b;</xliff>'
    )

    assert "The file is not well-formed XML." in _refusal(officer_client, session, body=body)


def test_a_file_over_the_size_limit_is_refused(officer_client, session, monkeypatch):
    monkeypatch.setattr(content_exchange, "MAX_FILE_BYTES", 100)
    body = export(officer_client, session).content

    assert "The file is larger than" in _refusal(officer_client, session, body=body)


def test_a_file_of_another_kind_is_refused(officer_client, session):
    text = _refusal(officer_client, session, body=b"x", name="agenda.docx")

    assert "Upload an XLIFF (.xlf) or CSV (.csv) file." in text


def test_a_delegate_may_not_import(officer_client, delegate, session):
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})
    delegate_client = Client()
    delegate_client.force_login(delegate)

    response = upload(delegate_client, session, body)

    assert response.status_code == 403
    assert Session.objects.get().title_fr is None


def test_the_import_is_refused_to_anonymous_visitors(client, officer_client, session):
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})
    officer_client.logout()

    response = upload(client, session, body)

    assert response.status_code == 302 and Sitting.objects.get().title_fr is None


# --- The command -------------------------------------------------------------------------


def test_the_command_imports_a_translated_file(officer_client, session, tmp_path):
    path = tmp_path / "ieg-2-2025-fr.xlf"
    path.write_bytes(
        fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})
    )
    out = io.StringIO()

    call_command("import_content", session.slug, "fr", str(path), stdout=out)

    assert Session.objects.get().title_fr == "Réu" and "1 translations updated." in out.getvalue()


def test_the_command_refuses_a_wrong_file_naming_each_problem(officer_client, session, tmp_path):
    path = tmp_path / "ieg-2-2025-fr.xlf"
    path.write_bytes(
        export(officer_client, session).content.replace(
            f'id="session.{session.pk}.title"'.encode(), b'id="session.999999.title"'
        )
    )
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_content", session.slug, "fr", str(path), stderr=err)

    assert "session.999999.title: There is no such text in this session." in err.getvalue()


# --- More round trips --------------------------------------------------------------------


def test_a_text_that_looks_like_a_formula_survives_the_csv(officer_client, session):
    Session.objects.update(title_en="=Second meeting")
    body = export(officer_client, session, "fr", "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    row = next(row for row in rows if row[0] == f"session.{session.pk}.title")
    row[2] = "=Deuxième réunion"
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    upload(officer_client, session, out.getvalue().encode("utf-8-sig"), "ieg.csv")

    assert row[1] == "'=Second meeting"  # marked as text for Excel
    assert Session.objects.get().title_fr == "=Deuxième réunion"


def test_a_chinese_xliff_comes_back(officer_client, session):
    body = export(officer_client, session, "zh-hans").content
    root = parse_xliff(body)
    filled = fill(body, {f"session.{session.pk}.title": "专家组第二次会议"})

    upload(officer_client, session, filled, language="zh-hans")

    assert root.get("trgLang") == "zh-hans"
    assert Session.objects.get().title_zh_hans == "专家组第二次会议"


def test_an_import_without_a_language_is_refused(officer_client, session):
    body = fill(export(officer_client, session).content, {f"session.{session.pk}.title": "Réu"})

    text = _refusal(officer_client, session, body=body, language="")

    assert "Choose the language the file is translated into." in text


def _import_queries(officer_client, session) -> int:
    sittings = Sitting.objects.all()
    body = fill(
        export(officer_client, session).content,
        {f"sitting.{sitting.pk}.title": f"Séance {sitting.pk}" for sitting in sittings},
    )
    with CaptureQueriesContext(connection) as queries:
        assert upload(officer_client, session, body).status_code == 302
    return len(queries)


def test_the_import_takes_as_many_queries_for_many_sittings(officer_client, session, room):
    one = _import_queries(officer_client, session)
    SittingFactory.create_batch(5, session=session, room=room, agenda_items=AGENDA)

    assert _import_queries(officer_client, session) == one


def test_texts_without_english_are_not_exported(officer_client, session):
    units = units_of(parse_xliff(export(officer_client, session).content))

    assert f"session.{session.pk}.description" not in units
