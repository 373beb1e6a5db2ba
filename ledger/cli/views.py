"""How claims read in the terminal: the list table, one claim in full, and its history."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.cli.terminal import Cell, Column, Painter, render_table
from ledger.dates import DeadlineWindow, format_window
from ledger.labels import status_label
from ledger.records import ClaimDetail, ClaimRow, EventRecord, Target
from ledger.textsafe import escape_controls, one_line


def compact_window(start: date | None, end: date | None) -> str:
    """`2024-12-01..12-31` within one year, else the full form."""
    if start is not None and end is not None and start.year == end.year:
        return f"{start.isoformat()}..{end.isoformat()[5:]}"
    return format_window(start, end) if (start or end) else "no deadline"


def status_text(row: ClaimRow, today: date) -> tuple[str, str]:
    label = status_label(row, today)
    text = f"{label.symbol} {label.word}"
    if row.outcome is None and not row.withdrawn and row.days_overdue(today):
        text += f" {row.days_overdue(today)}d"
    elif row.slip:
        text += f" +{row.slip}d"
    return text, label.colour


def claims_table(rows: list[ClaimRow], today: date, *, width: int, paint: Painter) -> str:
    columns = [
        Column("ID", align="right", max_width=8),
        Column("STATE", max_width=20),
        Column("WINDOW", max_width=22),
        Column("BY", max_width=16),
        Column("CLAIM", flex=True),
    ]
    body = []
    for row in rows:
        state, colour = status_text(row, today)
        tags = "  " + " ".join(f"#{t}" for t in row.tags) if row.tags else ""
        body.append(
            [
                Cell(str(row.id)),
                Cell(state, colour),
                Cell(compact_window(row.window_start, row.window_end)),
                Cell(row.claimant),
                Cell(row.statement + tags),
            ]
        )
    return render_table(columns, body, width=width, paint=paint)


def target_text(target: Target) -> str:
    def number(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,}"

    unit = f" {target.unit}" if target.unit else ""
    if target.low is not None and target.high is not None and target.low != target.high:
        amount = f"{number(target.low)}–{number(target.high)}{unit}"
    elif target.low is not None:
        amount = f"at least {number(target.low)}{unit}"
    elif target.high is not None:
        amount = f"up to {number(target.high)}{unit}"
    else:
        amount = unit.strip() or "(no figure)"
    return f"{target.metric}: {amount}"


def window_line(window: DeadlineWindow) -> str:
    return window.explain()


def claim_text(detail: ClaimDetail, today: date, *, paint: Painter) -> str:
    row = detail.row
    state, colour = status_text(row, today)
    lines = [
        f"{paint(f'Claim {row.id}', 'bold')}  {paint(state, colour)}   uid {row.uid}",
        f"  {escape_controls(row.statement)}",
    ]

    def field(name: str, value: str | None) -> None:
        if value:
            lines.append(f"  {name + ':':<11}{escape_controls(value, keep_newlines=False)}")

    field("Quote", detail.quote)
    aliases = f" (also {', '.join(detail.claimant_aliases)})" if detail.claimant_aliases else ""
    field("Claimant", row.claimant + aliases)
    field("Said", f"{row.said_on} ({detail.hedge})")
    field("Condition", detail.condition)
    field("Target", target_text(detail.target) if detail.target else None)
    field("Tags", ", ".join(row.tags))
    for record in detail.deadlines:
        name = "Deadline" if record.seq == 0 else "Re-dated"
        said = "" if record.seq == 0 else f"said {record.said_on}: "
        where = f"  source {record.source_url}" if record.seq and record.source_url else ""
        field(name, said + window_line(record.window) + where)
    if row.outcome:
        happened = f" on {row.happened_on}" if row.happened_on else ""
        slip = f", {row.slip} days after the first deadline" if row.slip else ""
        field("Outcome", f"{row.outcome}{happened}{slip}")
        field("Note", detail.resolution_note)
    if detail.withdrawn_at:
        reason = f" {detail.withdrawn_reason}" if detail.withdrawn_reason else ""
        field("Withdrawn", f"{detail.withdrawn_at:%Y-%m-%d}{reason}")
    for source in detail.sources:
        name = "Evidence" if source.role == "evidence" else "Source"
        if source.role != "revision":
            field(name, source_text(source.url, source.title, source.publisher))
    for forecast in detail.forecasts:
        field(
            "Forecast",
            f"{forecast.probability:.0%} on {forecast.made_at:%Y-%m-%d} by {forecast.forecaster}",
        )
    return "\n".join(lines)


def source_text(url: str | None, title: str | None, publisher: str | None) -> str:
    parts = [p for p in (url, title and f"“{title}”", publisher) if p]
    return "  ".join(parts)


def history_text(events: list[EventRecord], *, with_claim: bool = False) -> str:
    """One line a change; `with_claim` names the claim each is about (a ledger's history)."""
    lines = []
    for event in events:
        claim = ""
        if with_claim:
            claim = f"{'#' + str(event.claim_id) if event.claim_id is not None else '':<7} "
        lines.append(
            f"  {event.at:%Y-%m-%d %H:%M}  {one_line(event.actor):<12} {claim}{event.kind:<13} "
            f"{one_line(summarise_change(event))}"
        )
    return "\n".join(lines)


def summarise_change(event: EventRecord) -> str:
    change = event.change
    if event.kind == "created":
        return str(change.get("deadline", {}).get("phrase") or "no deadline")
    if event.kind == "revised":
        return _deadline_summary(change.get("deadline", {}))
    if event.kind == "resolved":
        on = f" on {change['happened_on']}" if change.get("happened_on") else ""
        return f"{change.get('outcome')}{on}"
    if event.kind == "forecast":
        return f"{float(change.get('probability', 0)):.0%}"
    if event.kind == "edited":
        return ", ".join(_edit_summary(key, pair) for key, pair in change.items())
    if event.kind == "undone":
        return f"took back {change.get('kind')} {str(change.get('event'))[:8]}"
    if event.kind == "claimant-alias":
        return f"{change.get('claimant')} is also {change.get('alias')}"
    if event.kind == "claimant-merged":
        return f"{change.get('absorbed')} merged into {change.get('kept')}"
    if event.kind == "claimant-kind":
        old, new = (change.get("kind") or [None, None])[:2]
        return f"{change.get('claimant')}: {old} -> {new}"
    if event.kind == "tagged":
        added = " ".join(f"+{t}" for t in change.get("added", []))
        removed = " ".join(f"-{t}" for t in change.get("removed", []))
        return f"{added} {removed}".strip()
    return ", ".join(f"{k}={v}" for k, v in change.items() if v is not None)


def _deadline_summary(deadline: dict[str, Any]) -> str:
    """`in March -> 2025-03-01..2025-03-31`, or `soon -> no window`."""
    start, end = deadline.get("start"), deadline.get("end")
    window = "no window" if start is None and end is None else f"{start or ''}..{end or ''}"
    return f"{deadline.get('phrase') or '(no deadline)'} -> {window}"


def _edit_summary(field: str, pair: Any) -> str:
    old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
    if isinstance(old, dict) or isinstance(new, dict):
        before = _deadline_summary(old) if isinstance(old, dict) else "none"
        after = _deadline_summary(new) if isinstance(new, dict) else "none"
        return f"{field.replace('_', ' ')}: {before} => {after}"
    return f"{field.replace('_', ' ')}: {_edited_value(old)} -> {_edited_value(new)}"


def _edited_value(value: Any) -> str:
    return "(none)" if value is None else str(value)
