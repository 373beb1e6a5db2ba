"""Reports as rows of cells, and those rows as CSV or Markdown: the same cells in every front end.

User text is data: CSV cells that a spreadsheet would run as a formula are neutralised, Markdown
cells are folded to one line with control characters escaped and `|` escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ledger.reports.due import DUE_BUCKETS, DueItem, DueReport
from ledger.textsafe import one_line

Cell = str | int | float | None
Table = tuple[list[str], list[list[Cell]]]

# A spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(...), +cmd|...).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_ACTIVE = frozenset("\\`*_[]<>|&~")


def neutralise(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before a formula start."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV (CRLF line ends) with text cells neutralised; numbers stay numbers."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(name) for name in header])
    for row in rows:
        writer.writerow(
            [cell_text(v) if isinstance(v, int | float) else neutralise(cell_text(v)) for v in row]
        )
    return out.getvalue()


def markdown_cell(value: Cell) -> str:
    """One line of literal text: every character Markdown or HTML would act on is escaped."""
    text = one_line(cell_text(value))
    return "".join("\\" + ch if ch in _MARKDOWN_ACTIVE else ch for ch in text)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(header))
    ]
    lines = [
        "| " + " | ".join(markdown_cell(name) for name in header) + " |",
        "|" + "|".join("---:" if right else "---" for right in numeric) + "|",
    ]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


# numbers as people read them


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def count_text(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def days_text(value: float | None) -> str:
    return "–" if value is None else f"{count_text(round(value, 1))}d"


def times_text(value: float | None) -> str:
    return "–" if value is None else f"×{value:.2f}"


# the due report

DUE_HEADER = [
    "state",
    "days_overdue",
    "days_left",
    "days_to_open",
    "id",
    "uid",
    "claimant",
    "statement",
    "said_on",
    "deadline",
    "window_start",
    "window_end",
    "precision",
    "deadline_seq",
    "source",
]


def due_row(item: DueItem) -> list[Cell]:
    claim = item.claim
    start = claim.window_start.isoformat() if claim.window_start else None
    return [
        item.state,
        item.days_overdue,
        item.days_left,
        item.days_to_open,
        claim.id,
        claim.uid,
        claim.claimant,
        claim.statement,
        str(claim.said_on),
        claim.deadline_phrase,
        start,
        claim.window_end.isoformat(),
        claim.precision,
        claim.deadline_seq,
        claim.source,
    ]


def due_table(report: DueReport) -> Table:
    return DUE_HEADER, [due_row(item) for item in report.items]


def due_days_text(item: DueItem) -> str:
    """`5 days overdue`, `closes today`, `12 days left`, `opens in 3 days`."""
    if item.state == "overdue":
        return f"{_days(item.days)} overdue"
    if item.state == "due":
        return "closes today" if item.days == 0 else f"{_days(item.days)} left"
    return f"opens in {_days(item.days)}"


def _days(count: int) -> str:
    return f"{count:,} day" + ("" if count == 1 else "s")


def due_summary(report: DueReport) -> str:
    when = f"As of {report.day}" if report.as_of else f"Today, {report.day}"
    overdue, due, upcoming = (report.bucket_size(bucket) for bucket in DUE_BUCKETS)
    return (
        f"{when}: {overdue:,} overdue, {due:,} inside their window, "
        f"{upcoming:,} opening within {_days(report.within)}."
    )


def due_markdown(report: DueReport) -> str:
    rows: list[list[Cell]] = [
        [
            item.state,
            due_days_text(item),
            item.claim.window_end.isoformat(),
            item.claim.claimant,
            f"#{item.claim.id} {item.claim.statement}",
        ]
        for item in report.items
    ]
    table = markdown_table(["State", "When", "Deadline", "Claimant", "Claim"], rows)
    return f"{due_summary(report)}\n\n{table}" if rows else due_summary(report)
