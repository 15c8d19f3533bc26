"""Settings: their order of precedence, their errors, and that each one is documented."""
from __future__ import annotations

import re

import pytest

from heritage import create_app
from heritage.config import SETTINGS
from tests.conftest import REPO


def test_defaults_derive_paths_from_the_instance(tmp_path):
    app = create_app({"HERITAGE_INSTANCE": str(tmp_path / "inst")})
    assert app.config["HERITAGE_DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'heritage.sqlite3'}"
    assert app.config["HERITAGE_INDEX_DIR"] == str(tmp_path / "inst" / "index")
    assert app.config["HERITAGE_DEFAULT_LOCALE"] == "lv"
    assert len(app.config["SECRET_KEY"]) == 64
    assert create_app({"HERITAGE_INSTANCE": str(tmp_path / "inst")}).config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_environment_overrides_instance_file_and_test_config_overrides_both(tmp_path, monkeypatch):
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text('HERITAGE_SITE_NAME = "No faila"\nHERITAGE_PAGE_SIZE = 7\n')
    monkeypatch.setenv("HERITAGE_INSTANCE", str(instance))
    monkeypatch.setenv("HERITAGE_PAGE_SIZE", "12")
    app = create_app()
    assert app.config["HERITAGE_SITE_NAME"] == "No faila" and app.config["HERITAGE_PAGE_SIZE"] == 12
    assert create_app({"HERITAGE_PAGE_SIZE": 3}).config["HERITAGE_PAGE_SIZE"] == 3


def test_list_settings_are_split_on_commas(tmp_path, monkeypatch):
    monkeypatch.setenv("HERITAGE_LOCALES", "lv, en")
    assert create_app({"HERITAGE_INSTANCE": str(tmp_path)}).config["HERITAGE_LOCALES"] == ["lv", "en"]


@pytest.mark.parametrize("name, value", [("HERITAGE_PAGE_SIZE", "divdesmit"), ("HERITAGE_OCR_WORKERS", "")])
def test_bad_environment_values_name_the_setting(tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=f"{name}={value!r} is not valid"):
        create_app({"HERITAGE_INSTANCE": str(tmp_path)})


def test_every_setting_has_a_docstring_and_a_readme_row():
    readme = (REPO / "README.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `(HERITAGE_[A-Z0-9_]+)` \|", readme, re.M))
    for name, setting in SETTINGS.items():
        assert setting.doc.strip(), name
        assert name in documented, f"{name} is missing from the README's configuration table"
    used_in_code = set()
    for path in (REPO / "heritage").rglob("*.py"):
        used_in_code |= set(re.findall(r"HERITAGE_[A-Z0-9_]+", path.read_text("utf-8")))
    assert used_in_code <= set(SETTINGS) | documented
