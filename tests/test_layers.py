"""The import contracts in pyproject.toml can fail: one wrong import in a copy breaks them.

Each case copies the product package to a temporary directory, adds one import the contracts
forbid, and runs `lint-imports` with the project's own configuration on the copy (found first
on PYTHONPATH; benchmarks/ and tests/ come from the repository). `make lint` runs the same
command on the real package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"
CONTRACTS = {
    contract["id"]: contract["name"]
    for contract in tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]
}


def lint_imports(tmp_path: Path, wrong: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on a copy of src/rejection with `wrong` lines appended to its modules."""
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src/rejection",
        src / "rejection",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "*.json"),
    )
    for module, line in wrong.items():
        path = src / (module.replace(".", "/") + ".py")
        path.write_text(path.read_text() + f"\n{line}\n")
    return subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache", "--no-logo", str(CONFIG)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_untouched_package_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(tmp_path, {})
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("module", "imported", "contract"),
    [
        ("rejection.core.time", "rejection.web", "layers"),  # core knows no face, no domain
        ("rejection.web.views.pages", "rejection.api", "layers"),  # no face imports another
        ("rejection.data.services", "benchmarks.views", "no-load-test-code"),
    ],
)
def test_one_wrong_import_breaks_its_contract(
    tmp_path: Path, module: str, imported: str, contract: str
) -> None:
    result = lint_imports(tmp_path, {module: f"import {imported}"})
    output = " ".join(result.stdout.split())  # long names wrap
    assert result.returncode == 1, output + result.stderr
    assert f"{CONTRACTS[contract]} BROKEN" in output
    assert f"{module} -> {imported} (l." in output
    others = [name for key, name in CONTRACTS.items() if key != contract]
    assert all(f"{name} KEPT" in output for name in others)
