"""How the reports read in the terminal: the due table, track records and calibration."""

from __future__ import annotations

from ledger.cli.terminal import Cell, Column, Painter, render_table
from ledger.labels import label_for
from ledger.reports.due import DueItem, DueReport
from ledger.reports.formats import due_summary


def due_state_text(item: DueItem) -> str:
    """`! overdue 5d`, `● due 16d left`, `● due today`, `○ opens in 3d`: short for 80 columns."""
    symbol = label_for(item.state).symbol
    if item.state == "overdue":
        return f"{symbol} overdue {item.days:,}d"
    if item.state == "due":
        return f"{symbol} due today" if item.days == 0 else f"{symbol} due {item.days:,}d left"
    return f"{symbol} opens in {item.days:,}d"


def due_text(report: DueReport, *, width: int, paint: Painter) -> str:
    summary = due_summary(report)
    if not report.items:
        return summary
    columns = [
        Column("ID", align="right", max_width=8),
        Column("STATE", max_width=18),
        Column("DEADLINE", max_width=10),
        Column("BY", max_width=14),
        Column("CLAIM", flex=True),
    ]
    rows = [
        [
            Cell(str(item.claim.id)),
            Cell(due_state_text(item), label_for(item.state).colour),
            Cell(item.claim.window_end.isoformat()),
            Cell(item.claim.claimant),
            Cell(item.claim.statement),
        ]
        for item in report.items
    ]
    return summary + "\n" + render_table(columns, rows, width=width, paint=paint)
