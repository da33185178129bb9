"""The README stays honest: every setting and command it should mention, it does."""

from __future__ import annotations

import importlib
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


def readme_section(title: str) -> str:
    """Return the README's text under `## title`, up to the next `## ` heading."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert found, f"the README has no section '## {title}'"
    return found.group(1)


def shown_run(invocation: str, text: str) -> bool:
    """Tell whether a line of `text` starts by running `invocation`, then a space or its end."""
    return re.search(rf"^{re.escape(invocation)}(?=\s|$)", text, re.M) is not None


def test_every_project_command_is_documented() -> None:
    """Each management command of the product is shown run as `rejection NAME` in Command line."""
    section = readme_section("Command line")
    commands = {
        path.stem
        for path in (ROOT / "src/rejection").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    assert "log" in commands
    missing = sorted(
        name for name in commands if not shown_run(f".venv/bin/rejection {name}", section)
    )
    assert missing == []


def test_every_command_the_readme_runs_exists() -> None:
    """A command that moved or went away leaves no `rejection NAME` line behind."""
    from django.core.management import get_commands

    shown = set(re.findall(r"^\.venv/bin/rejection (\w+)", README, re.M))
    assert sorted(shown - set(get_commands())) == []


def test_every_benchmark_script_is_documented() -> None:
    """Each runnable script in benchmarks/ (generate_data.py too) is shown run, and no other."""
    scripts = {
        path.name
        for path in (ROOT / "benchmarks").glob("*.py")
        if '\nif __name__ == "__main__":' in path.read_text()
    }
    assert "generate_data.py" in scripts
    shown_in = readme_section("Command line") + readme_section("Benchmarks")
    missing = sorted(
        name for name in scripts if not shown_run(f".venv/bin/python benchmarks/{name}", shown_in)
    )
    assert missing == []
    shown = set(re.findall(r"^\.venv/bin/python benchmarks/(\w+\.py)", README, re.M))
    assert sorted(shown - scripts) == []


def test_the_two_commands_are_in_the_readme_and_ci_calls_the_test_one() -> None:
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_the_architecture_page_names_every_app_and_only_real_ones() -> None:
    page = (ROOT / "docs/architecture.md").read_text()
    layers = page.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in layers.splitlines() if line.startswith("| ")]
    named = {name for row in rows[2:] for name in re.findall(r"`(\w+)`", row[2])}
    package = ROOT / "src/rejection"
    apps = {path.parent.name for path in package.glob("*/__init__.py")}
    assert named == apps, (
        f"named but missing: {named - apps}; missing from the page: {apps - named}"
    )
    # Every dotted name the page gives, e.g. practice.asks.log_ask, is there to open.
    for dotted in set(re.findall(rf"\b((?:{'|'.join(sorted(apps))})(?:\.\w+)+)", page)):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                found: object = importlib.import_module("rejection." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for name in parts[cut:]:
                found = getattr(found, name)
            break
        else:
            raise AssertionError(f"docs/architecture.md names {dotted}, which does not exist")
