"""How the reports read in the terminal: the due table, track records and calibration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.cli.terminal import Cell, Column, Painter, plural, render_table
from ledger.labels import label_for
from ledger.reports.due import DueItem, DueReport
from ledger.reports.formats import count_text, days_text, due_summary, percent, times_text
from ledger.rules import OUTCOMES
from ledger.textsafe import one_line, truncate

if TYPE_CHECKING:
    from ledger.reports.calibration import Calibration, CalibrationReport
    from ledger.reports.track import TrackRecord

PARTLY_WORDS = {
    "not-kept": "as not kept",
    "kept": "as kept",
    "half": "as half kept",
    "excluded": "for nothing: it is left out",
}


def due_state_text(item: DueItem) -> str:
    """`! overdue 5d`, `● due 16d left`, `● due today`, `○ opens in 3d`: short for 80 columns."""
    symbol = label_for(item.state).symbol
    if item.state == "overdue":
        return f"{symbol} overdue {item.days:,}d"
    if item.state == "due":
        return f"{symbol} due today" if item.days == 0 else f"{symbol} due {item.days:,}d left"
    return f"{symbol} opens in {item.days:,}d"


def due_text(report: DueReport, *, width: int, paint: Painter, limit: int = 0) -> str:
    """The summary, then a table of at most `limit` claims of each kind (0: all of them)."""
    summary = due_summary(report)
    if not report.total:
        return summary
    columns = [
        Column("ID", align="right", max_width=8),
        Column("STATE", max_width=18),
        Column("DEADLINE", max_width=10),
        Column("BY", max_width=14),
        Column("CLAIM", flex=True),
    ]
    buckets = (report.overdue, report.due, report.upcoming)
    shown = [item for bucket in buckets for item in (bucket[:limit] if limit else bucket)]
    rows = [
        [
            Cell(str(item.claim.id)),
            Cell(due_state_text(item), label_for(item.state).colour),
            Cell(item.claim.window_end.isoformat()),
            Cell(item.claim.claimant),
            Cell(item.claim.statement),
        ]
        for item in shown
    ]
    text = summary + "\n" + render_table(columns, rows, width=width, paint=paint)
    hidden = report.total - len(shown)
    if hidden:
        text += (
            f"\n({hidden:,} more not listed: the first {limit} of each kind; --limit 0 lists all)"
        )
    return text


def track_text(records: list[TrackRecord], *, width: int, paint: Painter) -> str:
    """Each group's record as a short block: outcomes, kept rates, slip, re-dating, oldest open."""
    blocks, heading = [], ""
    for record in records:
        if record.group != heading and record.group != "all":
            heading = record.group
            blocks.append(paint(f"By {record.group}", "bold"))
        blocks.append(_track_block(record, width, paint))
    return "\n".join(blocks)


def _track_block(r: TrackRecord, width: int, paint: Painter) -> str:
    counts = [
        paint(f"{label_for(o).symbol} {r.outcomes[o]} {o}", label_for(o).colour)
        for o in OUTCOMES
        if r.outcomes[o]
    ]
    if r.open:
        counts.append(f"{r.open} open")
    of_rated = f"of {r.rated} rated"
    slip = "slip –"
    if r.slips:
        slip = f"slip {days_text(r.slip_median)} median, {days_text(r.slip_mean)} mean"
        slip += f" ({len(r.slips)} claim{'s' if len(r.slips) != 1 else ''})"
    times = "time taken –"
    if r.multipliers:
        times = f"time taken {times_text(r.multiplier_median)} median"
        times += f", {times_text(r.multiplier_mean)} mean"
    title = truncate(f"{one_line(r.name)}: {r.claims} claim{'s' if r.claims != 1 else ''}", width)
    lines = [
        paint(title, "bold"),
        "  " + "  ".join(counts),
        f"  kept on time {percent(r.kept_on_time)} ({count_text(r.on_time)} {of_rated})"
        f"   kept at all {percent(r.kept_at_all)} ({count_text(r.happened)} {of_rated})",
        f"  {slip}   {times}",
        f"  re-dated {r.redated} of {r.claims} ({percent(r.redated_share)})",
    ]
    if r.oldest_open is not None:
        oldest = r.oldest_open
        text = f"  oldest open #{oldest.id}, said {oldest.said}: {one_line(oldest.statement)}"
        lines.append(truncate(text, width))
    return "\n".join(lines)


def calibration_text(report: CalibrationReport, *, width: int, paint: Painter) -> str:
    from ledger.reports.report_tables import bin_label, left_out_text, score_text

    overall = report.overall
    partly = PARTLY_WORDS[report.partly_as]
    lines = [
        paint(f"Calibration: {plural(overall.scored, 'forecast')} scored", "bold"),
        "  the last forecast made before each outcome could be known counts",
        f"  partly kept counts {partly}",
        f"  Brier score {score_text(overall.brier):>8}  (0 is perfect; always 50% scores 0.25)",
        f"  log score   {score_text(overall.log_score):>8}  (0 is perfect; lower is worse)",
        truncate(f"  left out: {left_out_text(overall.left_out)}", width),
    ]
    bins = [
        [
            Cell(bin_label(b)),
            Cell(str(b.count)),
            Cell(percent(b.mean_forecast)),
            Cell(percent(b.observed)),
        ]
        for b in overall.bins
    ]
    columns = [
        Column("FORECAST"),
        Column("COUNT", align="right"),
        Column("MEAN", align="right"),
        Column("OBSERVED", align="right"),
    ]
    lines.append(render_table(columns, bins, width=width, paint=paint))
    for title, groups in (("By tag", report.by_tag), ("By claimant", report.by_claimant)):
        if groups:
            lines += [paint(title, "bold"), _groups_table(groups, width, paint)]
    return "\n".join(lines)


def _groups_table(groups: tuple[Calibration, ...], width: int, paint: Painter) -> str:
    from ledger.reports.report_tables import left_out_text, score_text

    columns = [
        Column("NAME", max_width=30),
        Column("SCORED", align="right"),
        Column("BRIER", align="right"),
        Column("LOG SCORE", align="right"),
        Column("LEFT OUT", flex=True),
    ]
    rows = [
        [
            Cell(g.name),
            Cell(str(g.scored)),
            Cell(score_text(g.brier)),
            Cell(score_text(g.log_score)),
            Cell(left_out_text(g.left_out)),
        ]
        for g in groups
    ]
    return render_table(columns, rows, width=width, paint=paint)
