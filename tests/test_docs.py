"""The README's promises: the two commands first, and the CLI help as the command prints it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    assert [line.split()[0] for line in first_block.strip().splitlines()] == ["scripts/run", "scripts/test"]
    assert README.index("```sh") < README.index("\n## ")


def test_readme_shows_the_current_help_output(tmp_path):
    heritage = Path(sys.executable).with_name("heritage")
    env = {"HERITAGE_INSTANCE": str(tmp_path / "i"), "HERITAGE_MEDIA_ROOT": str(tmp_path / "m"),
           "PATH": "/usr/bin:/bin", "COLUMNS": "80"}
    printed = subprocess.run([str(heritage), "--help"], capture_output=True, text=True, env=env).stdout
    shown = re.search(r"\$ heritage --help\n(.*?)```", README, re.S).group(1)
    assert shown.strip() == printed.strip()


def test_scripts_and_ci_are_wired():
    for script in ("scripts/run", "scripts/test", "scripts/setup", ".ci/run"):
        assert (REPO / script).stat().st_mode & 0o111, f"{script} is not executable"
    assert "scripts/test" in (REPO / ".ci" / "run").read_text()
