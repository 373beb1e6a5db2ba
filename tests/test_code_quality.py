"""The house rules a machine can check: ruff lint and format, mypy --strict on ledger and tui."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def run_tool(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argv], cwd=REPO, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("ruff", "check", "ledger", "tui", "tests", "bench"),
        ("ruff", "format", "--check", "ledger", "tui", "tests", "bench"),
        ("mypy",),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_code_is_clean(argv: tuple[str, ...]) -> None:
    if shutil.which("ruff") is None and argv[0] == "ruff":
        pytest.skip("ruff is not installed")
    paths = [p for p in argv[2:] if (REPO / p).exists()]
    done = run_tool(*argv[:2], *paths) if argv[0] == "ruff" else run_tool(*argv)
    assert done.returncode == 0, done.stdout + done.stderr
