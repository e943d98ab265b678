"""Dependencies point one way (DESIGN.md section 3): an app imports only the apps below it,
never one above it nor a peer on its own floor, not even inside a function. Upper apps
react to lower ones through signals and hooks they connect in AppConfig.ready."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lower first; apps on one floor are peers, which do not import each other.
FLOORS = [
    {"core", "languages", "pdftext"},
    {"accounts"},
    {"sessions_app"},
    {"registration"},
    {"interpretation", "badges", "documents"},
    {"online", "proceedings"},
]
FLOOR = {app: level for level, apps in enumerate(FLOORS) for app in apps}


def imported_apps(path: Path) -> list[tuple[int, str]]:
    """(line, app) of every import of one of our apps in a module, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, name.split(".")[0]) for name in names]
    return [(line, app) for line, app in found if app in FLOOR]


def violations(app: str) -> list[str]:
    wrong = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, imported in imported_apps(path):
            if imported != app and FLOOR[imported] >= FLOOR[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return wrong


@pytest.mark.parametrize("app", sorted(app for app in FLOOR if (ROOT / app).is_dir()))
def test_an_app_imports_only_the_apps_below_it(app):
    assert violations(app) == []


def test_the_check_finds_an_import_against_the_order(tmp_path, monkeypatch):
    """A function-level import of an upper app counts."""
    module = tmp_path / "sessions_app" / "late.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from registration.models import Registration\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    assert violations("sessions_app") == ["sessions_app/late.py:2 imports registration"]


def test_every_app_of_ours_has_a_floor():
    ours = {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (ROOT / app.split(".")[0]).is_dir() and app.split(".")[0] != "config"
    }
    assert ours - set(FLOOR) == set()
