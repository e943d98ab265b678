"""axe-core (WCAG 2.1 A and AA rules, from the npm package that `make node` installs) finds no
critical or serious violation on the main pages, in English and in Arabic, each as the role
that works in it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.pages import browser_context, demo_people, in_language, main_pages

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Run in the page by Playwright (not a <script> element), so the site's Content-Security-
# Policy, which allows only its own script files, stays as it is.
RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations
    .filter((violation) => ["critical", "serious"].includes(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
}"""


def violations(page) -> list[dict]:
    if not AXE.exists():  # a missing checker must not pass as a clean page
        pytest.fail("axe-core is not installed: run `make node`")
    page.evaluate(AXE.read_text())
    return page.evaluate(RUN, TAGS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_have_no_serious_accessibility_violation(live_server, browser, language):
    people = demo_people()
    contexts, found = {}, []
    for name, role, path in main_pages(people):
        if role not in contexts:
            contexts[role] = browser_context(browser, live_server, people[role])
            in_language(contexts[role], live_server, language)
        page = contexts[role].new_page()
        response = page.goto(f"{live_server.url}{path}")
        assert (response.status, page.url) == (200, f"{live_server.url}{path}"), name
        found += [
            f"{name} ({path}): {v['impact']} {v['id']} at {v['targets']}" for v in violations(page)
        ]
        page.close()
    for context in contexts.values():
        context.close()

    assert not found, "\n".join(found)


def test_the_check_finds_a_violation_when_there_is_one(browser):
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><body><main><img src="x.png">'
        '<p style="color:#fff;background:#009edb">White on UN blue</p></main></body></html>'
    )

    assert {v["id"] for v in violations(page)} >= {"image-alt", "color-contrast"}


def luminance(rgb: str) -> float:
    red, green, blue = (int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


RING = """(selector) => {
  const element = document.querySelector(selector);
  const style = getComputedStyle(element);
  let back = element.closest(".site-header") || document.body;
  return {
    focused: document.activeElement === element,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    background: getComputedStyle(back).backgroundColor,
  };
}"""


def ring_of(page, selector: str) -> dict:
    ring = page.evaluate(RING, selector)
    assert ring["focused"], selector
    return ring


@pytest.mark.django_db(transaction=True)
def test_the_focus_ring_shows_in_the_header_in_the_page_and_on_a_date_field(live_server, browser):
    people = demo_people()
    page = browser_context(browser, live_server, people["newcomer"]).new_page()
    page.goto(f"{live_server.url}/sessions/demo/register/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand, in the header
    header = ring_of(page, ".brand")
    page.focus("main a")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    in_page = ring_of(page, "main a")
    page.focus("input[type=date]")
    date_field = ring_of(page, "input[type=date]")

    for ring in (header, in_page, date_field):
        assert (ring["style"], ring["width"] >= 3) == ("solid", True), ring
        assert contrast(ring["colour"], ring["background"]) >= 3, ring


STATES = ["draft", "submitted", "approved", "waitlisted", "rejected", "withdrawn", "cancelled"]


@pytest.mark.parametrize("state", STATES)
def test_each_state_label_has_its_colours_at_aa_contrast(state):
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    rule = re.search(rf"\.state-{state} \{{([^}}]*)\}}", css).group(1)
    colours = dict(re.findall(r"(background|color): (#[0-9a-f]{6})", rule))

    assert contrast(rgb(colours["color"]), rgb(colours["background"])) >= 4.5


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))
