"""Documents and written contributions in a real browser: an officer uploads a set of files
named by symbol and language; a focal point submits a written contribution; the officer
accepts it and it is listed under "Written contributions"; an anonymous reader, who is not
offered the upload, switches the site to Arabic from the header and downloads the Arabic
version of a document from the page, now right to left."""

import io
import re

import pypdf
import pytest
from playwright.sync_api import expect

from documents.models import Contribution, Document
from tests.documents.common import pdf_bytes
from tests.documents.contribution_common import focal_point, open_call
from tests.e2e.pages import restore_migration_data
from tests.e2e.test_browser import logged_in
from tests.factories import EntityFactory, OfficerFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "eg10"
SYMBOL = "UNODC/CCPCJ/EG.10/2025/1"
STEM = "UNODC_CCPCJ_EG.10_2025_1"
CONTRIBUTION = "Reducing reoffending: the practice of Austria"


def pdf_file(name: str, text: str, title: str = "") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(text, title)}


@pytest.fixture
def call():
    restore_migration_data()  # the roles and languages, emptied after each live-server test
    session = SessionFactory(slug=SLUG, title="Tenth meeting of the expert group")
    return open_call(session=session, title_en="Call for contributions on reoffending")


def test_a_set_a_contribution_and_an_arabic_download(live_server, browser, call):
    documents_url = f"{live_server.url}/sessions/{SLUG}/documents/"

    # 1. The officer uploads a set: two language versions of one document, one of another.
    officer = logged_in(browser, live_server, OfficerFactory())
    officer.goto(documents_url)
    officer.click("main a:text-is('Upload a set of files')")
    expect(officer).to_have_url(f"{documents_url}upload/")
    officer.set_input_files(
        "input[name=files]",
        files=[
            pdf_file(f"{STEM}_en.pdf", "Provisional agenda", title="Provisional agenda"),
            pdf_file(f"{STEM}_ar.pdf", "Arabic version", title="Provisional agenda"),
            pdf_file("UNODC_CCPCJ_EG.10_2025_2_en.pdf", "Report", title="Draft report"),
        ],
    )
    officer.select_option("select[name=kind]", Document.Kind.WORKING_PAPER.value)
    officer.click("main form button:text-is('Upload the set')")
    expect(officer).to_have_url(documents_url)
    expect(officer.locator("main")).to_contain_text(
        f"Saved 2 documents: {SYMBOL}, UNODC/CCPCJ/EG.10/2025/2."
    )
    row = officer.locator("table.documents tr", has_text=SYMBOL)
    expect(row).to_contain_text("Provisional agenda")
    expect(row.locator("ul.language-versions a")).to_have_count(2)
    expect(officer.locator("table.documents tr", has_text="Draft report")).to_be_visible()

    # 2. A focal point of Austria's delegation submits a written contribution.
    user, _austria = focal_point(call.session, EntityFactory(name="Austria"))
    delegate = logged_in(browser, live_server, user)
    delegate.goto(f"{live_server.url}/contributions/")
    delegate.click("main a:text-is('Call for contributions on reoffending')")
    expect(delegate).to_have_url(f"{live_server.url}/contributions/calls/{call.pk}/")
    delegate.fill("input[name=title]", CONTRIBUTION)
    delegate.select_option("select[name=original_language]", "en")
    delegate.set_input_files(
        "input[name=file_en]", files=[pdf_file("contribution.pdf", "Our practice")]
    )
    delegate.check("input[name=consents]")
    delegate.click("main form button:text-is('Submit the contribution')")
    expect(delegate.locator("main")).to_contain_text("The contribution is submitted.")
    mine = delegate.locator("main table tr", has_text=CONTRIBUTION)
    expect(mine.locator(".state")).to_have_text("Submitted")
    expect(mine).to_contain_text("Austria")

    # 3. The officer screens it, accepts it, and it is listed with the session's documents.
    officer.goto(f"{live_server.url}/contributions/calls/{call.pk}/screening/")
    section = officer.locator("section.contribution", has_text=CONTRIBUTION)
    section.locator("button:text-is('Accept and publish')").click()
    expect(officer.locator("main")).to_contain_text("Austria: Accepted for publication.")
    expect(section.locator(".state")).to_have_text("Accepted for publication")
    assert Contribution.objects.get().state == Contribution.State.ACCEPTED
    officer.goto(documents_url)
    expect(officer.locator("#written-contributions")).to_have_text("Written contributions")
    contributed = officer.locator("#written-contributions ~ table tr", has_text=CONTRIBUTION)
    expect(contributed).to_contain_text("Austria")
    expect(contributed.locator("ul.language-versions a")).to_have_count(1)
    delegate.reload()  # the focal point sees the outcome, and may no longer replace files
    expect(mine.locator(".state")).to_have_text("Accepted for publication")
    expect(mine.locator("details")).to_have_count(0)

    # 4. An anonymous reader, not offered the upload, reads the page in Arabic.
    reader = browser.new_page()
    reader.goto(documents_url)
    expect(reader.locator("table.documents tr", has_text=SYMBOL)).to_be_visible()
    expect(reader.locator("main a:text-is('Upload a set of files')")).to_have_count(0)
    expect(reader.locator(f"a[href$='/sessions/{SLUG}/documents/upload/']")).to_have_count(0)
    reader.goto(f"{documents_url}upload/")  # nor let in by its address: asked to log in
    expect(reader).to_have_url(re.compile("/accounts/login/"))
    expect(reader.locator("input[name=files]")).to_have_count(0)
    reader.goto(documents_url)
    reader.select_option("#language-select", "ar")
    reader.click("form.language-switcher button[type=submit]")
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    expect(reader.locator("html")).to_have_attribute("lang", "ar")
    expect(reader).to_have_url(documents_url)
    expect(reader.locator("#written-contributions")).to_be_visible()

    arabic = reader.locator("table.documents tr", has_text=SYMBOL).get_by_role(
        "link", name="العربية", exact=True
    )
    expect(arabic).to_have_attribute("hreflang", "ar")
    # A PDF opens in the browser's viewer, not as a download; the response to the click
    # names the file, and the bytes are fetched again in the reader's own browser context
    # (the viewer replaces the body the click's response reports).
    with reader.expect_response(re.compile(r"/documents/\d+/ar/$")) as response:
        arabic.click()
    assert response.value.ok
    assert response.value.headers["content-type"] == "application/pdf"
    disposition = response.value.headers["content-disposition"]
    assert re.fullmatch(rf'inline; filename="{re.escape(STEM)}_ar\.pdf"', disposition)
    content = reader.request.get(response.value.url).body()
    assert content.startswith(b"%PDF")
    assert "Arabic version" in pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
