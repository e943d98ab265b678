"""On a phone (375 px wide) no main page scrolls sideways: tables stack as cards and the
header folds behind a menu button; every table outside the console is written to stack."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.pages import browser_context, demo_people, main_pages

PHONE = {"width": 375, "height": 800}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_main_page_scrolls_sideways_at_375_px(live_server, browser, language):
    people = demo_people()
    contexts, wide = {}, []
    for name, role, path in main_pages(people):
        if role not in contexts:
            contexts[role] = browser_context(browser, live_server, people[role], viewport=PHONE)
            contexts[role].add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
        page = contexts[role].new_page()
        response = page.goto(f"{live_server.url}{path}")
        assert (response.status, page.url) == (200, f"{live_server.url}{path}"), name
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{name} ({path}): {width} px")
        page.close()
    for context in contexts.values():
        context.close()

    assert not wide, "pages wider than 375 px: " + "; ".join(wide)


@pytest.mark.django_db(transaction=True)
def test_the_header_is_one_row_with_a_menu_button_on_a_phone(live_server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url)
    menu = page.get_by_role("button", name="Menu")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#site-menu")).to_be_hidden()
    assert page.locator(".site-header").bounding_box()["height"] < 80
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Rooms")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#site-menu")).to_be_hidden()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_menu_stays_open(live_server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url)

    expect(page.get_by_role("link", name="Rooms")).to_be_visible()
    expect(page.locator(".menu-button")).to_be_hidden()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_on_a_wide_screen_there_is_no_menu_button(live_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url)

    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.get_by_role("link", name="Rooms")).to_be_visible()


def templates_with_tables():
    root = Path(settings.BASE_DIR) / "templates"
    return [
        path
        for path in sorted(root.rglob("*.html"))
        if "<table" in path.read_text() and not path.name.startswith("console")
    ]


@pytest.mark.parametrize("template", templates_with_tables(), ids=lambda path: path.name)
def test_every_table_stacks_and_every_cell_names_its_column(template):
    text = template.read_text()

    assert all("stack" in tag for tag in re.findall(r"<table[^>]*>", text))
    unnamed = [tag for tag in re.findall(r"<td[^>]*>", text) if "data-label" not in tag]
    assert all("colspan" in tag for tag in unnamed), unnamed
