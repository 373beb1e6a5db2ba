"""docs/deadlines.md stays true: every example in its table of phrase forms reads as shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.deadlines import read_deadline
from ledger.errors import DeadlineError

DOC = Path(__file__).resolve().parent.parent / "docs" / "deadlines.md"


def _form_rows() -> list[tuple[str, str, str, str]]:
    """(example, said, window, precision) for each row of the phrase-form table."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## Phrase forms", 1)[1].split("## Refused", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not cells[1].startswith("`"):
            continue
        for example in cells[1].split("`, `"):
            rows.append((example.strip("`"), cells[2], cells[3], cells[4]))
    return rows


def _refused_rows() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8").split("## Refused", 1)[1].split("##", 1)[0]
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            said = "2024-06-04" if cells[1] == "any" else cells[1]
            rows.extend((example.strip("`"), said) for example in cells[0].split("`, `"))
    return rows


def test_the_doc_has_its_tables() -> None:
    assert len(_form_rows()) >= 100
    assert len(_refused_rows()) >= 15


@pytest.mark.parametrize(("example", "said", "window", "precision"), _form_rows())
def test_each_documented_form_reads_as_shown(
    example: str, said: str, window: str, precision: str
) -> None:
    read = read_deadline(example, date.fromisoformat(said))
    shown = read.describe().split(" -> ", 1)[1]
    assert shown == f"{window} ({precision})"


@pytest.mark.parametrize(("example", "said"), _refused_rows())
def test_each_documented_refusal_is_refused(example: str, said: str) -> None:
    with pytest.raises(DeadlineError):
        read_deadline(example, date.fromisoformat(said))


def test_readme_carries_the_same_table_of_forms() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "deadlines.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) > 100
    missing = [row for row in rows if row not in readme]
    assert not missing, missing[:3]
