"""Track records and calibration as rows of cells, for CSV, Markdown and the app's tables."""

from __future__ import annotations

from collections.abc import Sequence

from ledger.reports.calibration import (
    LEFT_OUT_REASONS,
    Calibration,
    CalibrationBin,
    CalibrationReport,
)
from ledger.reports.formats import (
    Cell,
    Table,
    days_text,
    markdown_table,
    percent,
    times_text,
)
from ledger.reports.track import TrackRecord
from ledger.rules import OUTCOMES

TRACK_HEADER = [
    "group",
    "name",
    "claims",
    "open",
    *OUTCOMES,
    "rated",
    "kept_on_time",
    "kept_at_all",
    "slip_count",
    "slip_median",
    "slip_mean",
    "multiplier_count",
    "multiplier_median",
    "multiplier_mean",
    "redated",
    "redated_share",
    "oldest_open_id",
    "oldest_open_said_on",
    "oldest_open_statement",
]


def track_row(record: TrackRecord) -> list[Cell]:
    oldest = record.oldest_open
    return [
        record.group,
        record.name,
        record.claims,
        record.open,
        *(record.outcomes[o] for o in OUTCOMES),
        record.rated,
        record.kept_on_time,
        record.kept_at_all,
        len(record.slips),
        record.slip_median,
        record.slip_mean,
        len(record.multipliers),
        record.multiplier_median,
        record.multiplier_mean,
        record.redated,
        record.redated_share,
        None if oldest is None else oldest.id,
        None if oldest is None else oldest.said,
        None if oldest is None else oldest.statement,
    ]


def track_table(records: Sequence[TrackRecord]) -> Table:
    return TRACK_HEADER, [track_row(r) for r in records]


def track_markdown(records: Sequence[TrackRecord]) -> str:
    header = ["Group", "Name", "Claims", "Kept", "Partly", "Broken", "Other", "Open"]
    header += ["On time", "At all", "Slip median", "Slip mean", "× time", "Re-dated", "Oldest open"]
    rows: list[list[Cell]] = []
    for r in records:
        other = sum(r.outcomes[o] for o in ("retracted", "void", "unverifiable"))
        oldest = r.oldest_open
        row: list[Cell] = [r.group, r.name, r.claims, r.outcomes["kept"], r.outcomes["partly"]]
        row += [r.outcomes["broken"], other, r.open, percent(r.kept_on_time)]
        row += [percent(r.kept_at_all), days_text(r.slip_median), days_text(r.slip_mean)]
        row += [times_text(r.multiplier_median), percent(r.redated_share)]
        row.append(f"#{oldest.id} ({oldest.said}) {oldest.statement}" if oldest else "")
        rows.append(row)
    return markdown_table(header, rows)


# calibration

CALIBRATION_HEADER = [
    "group",
    "name",
    "scored",
    "brier",
    "log_score",
    "bin_low",
    "bin_high",
    "bin_count",
    "mean_forecast",
    "observed",
    *(f"left_out_{reason}" for reason in LEFT_OUT_REASONS),
]


def calibration_groups(report: CalibrationReport) -> list[Calibration]:
    return [report.overall, *report.by_tag, *report.by_claimant]


def calibration_table(report: CalibrationReport) -> Table:
    """One row per group and bin (a long table a spreadsheet can pivot)."""
    rows: list[list[Cell]] = []
    for group in calibration_groups(report):
        left_out = [group.left_out[reason] for reason in LEFT_OUT_REASONS]
        for b in group.bins:
            row: list[Cell] = [group.group, group.name, group.scored, group.brier]
            row += [group.log_score, b.low, b.high, b.count, b.mean_forecast, b.observed]
            rows.append([*row, *left_out])
    return CALIBRATION_HEADER, rows


def bin_label(b: CalibrationBin) -> str:
    return f"{b.low:.0%}–{b.high:.0%}"


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"


def left_out_text(left_out: dict[str, int]) -> str:
    names = {"no_forecast": "no forecast", "late": "forecast only in hindsight"}
    parts = [f"{n} {names.get(k, k)}" for k, n in left_out.items() if n]
    return ", ".join(parts) or "none"


def calibration_markdown(report: CalibrationReport) -> str:
    bins: list[list[Cell]] = [
        [bin_label(b), b.count, percent(b.mean_forecast), percent(b.observed)]
        for b in report.overall.bins
    ]
    groups: list[list[Cell]] = [
        [
            g.group,
            g.name,
            g.scored,
            score_text(g.brier),
            score_text(g.log_score),
            left_out_text(g.left_out),
        ]
        for g in calibration_groups(report)
    ]
    return "\n\n".join(
        [
            markdown_table(["Forecast", "Count", "Mean forecast", "Observed"], bins),
            markdown_table(["Group", "Name", "Scored", "Brier", "Log score", "Left out"], groups),
        ]
    )
