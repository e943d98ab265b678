"""The Content-Security-Policy: every page gets it, and the templates need no inline script,
style block, style attribute or event handler attribute to work under it (the browser test
tests/e2e/test_content_security_policy.py walks the pages)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
# An executable inline script: a <script> without src (JSON data blocks do not run).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|javascript:", re.I)
EVENT_HANDLER = re.compile(
    r"\son(?:click|change|submit|input|load|error|focus|blur|key\w+|mouse\w+|pointer\w+)=",
    re.I,
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/rooms/", "/accounts/login/", "/api/docs/"])
def test_pages_send_the_policy(client, path):
    header = client.get(path)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_style(template):
    text = template.read_text()

    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_STYLE.search(text)
    assert not EVENT_HANDLER.search(text)
