"""The README stays honest: every setting and command it should mention, it does."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_every_environment_setting_is_documented() -> None:
    settings_source = (ROOT / "src/rejection/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    assert names, "settings read nothing from the environment?"
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_every_project_command_is_documented() -> None:
    commands = {
        path.stem
        for path in (ROOT / "src/rejection").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    missing = sorted(name for name in commands if name not in README)
    assert missing == []


def test_the_two_commands_are_in_the_readme_and_ci_calls_the_test_one() -> None:
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci/run").read_text()
