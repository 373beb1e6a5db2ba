"""One claim in full as Rich Text: every field the user typed is appended as plain text.

Nothing here is ever parsed as markup, and control characters are escaped first, so a
statement such as `Vote [/] now [link=...]` or one holding an escape sequence shows as typed.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ledger.cli.views import status_text, summarise_change, target_text, window_line
from ledger.dates import DeadlineWindow
from ledger.records import ClaimDetail, EventRecord, SourceRecord
from ledger.textsafe import escape_controls, one_line

LABEL_WIDTH = 11


def safe(text: str) -> str:
    """User text with controls escaped but its line breaks kept."""
    return escape_controls(text, keep_newlines=True)


def openable_urls(detail: ClaimDetail) -> list[str]:
    """The http/https addresses of a claim's sources, numbered in this order in its detail."""
    urls = (s.url for s in detail.sources if s.url)
    return [url for url in dict.fromkeys(urls) if url.lower().startswith(("http://", "https://"))]


class _Lines:
    """Text built a labelled field at a time."""

    def __init__(self) -> None:
        self.text = Text()

    def field(self, name: str, value: str | None, style: str = "") -> None:
        if value:
            self.text.append(f"{name + ':':<{LABEL_WIDTH}}", "dim")
            self.text.append(safe(value) + "\n", style)


def claim_text(detail: ClaimDetail, history: list[EventRecord] | None, today: date) -> Text:
    """Statement, quote, claimant, sources, deadlines, forecasts, outcome, evidence, history."""
    row = detail.row
    state, colour = status_text(row, today)
    numbers = {url: n for n, url in enumerate(openable_urls(detail), start=1)}
    lines = _Lines()
    text, field = lines.text, lines.field
    text.append(f"Claim {row.id}", "bold")
    text.append("  ")
    text.append(state, colour)
    text.append(f"   uid {row.uid}\n", "dim")
    text.append(safe(row.statement) + "\n", "bold")
    field("Quote", detail.quote, "italic")
    aliases = f" (also {', '.join(detail.claimant_aliases)})" if detail.claimant_aliases else ""
    field("Claimant", row.claimant + aliases)
    field("Said", f"{row.said_on} ({detail.hedge})")
    field("Condition", detail.condition)
    field("Target", target_text(detail.target) if detail.target else None)
    field("Tags", " ".join(f"#{tag}" for tag in row.tags))
    for source in detail.sources:
        if source.role == "source":
            field("Source", source_line(source, numbers))
    for record in detail.deadlines:
        said = "" if record.seq == 0 else f"said {record.said_on}: "
        where = ""
        if record.seq and record.source_url:
            where = f"  source {_numbered(record.source_url, numbers)}"
        name = "Deadline" if record.seq == 0 else "Re-dated"
        field(name, said + deadline_line(record.window) + where)
    for forecast in detail.forecasts:
        made = f"{forecast.made_at:%Y-%m-%d} by {forecast.forecaster}"
        field("Forecast", f"{forecast.probability:.0%} on {made}")
    if row.outcome:
        happened = f" on {row.happened_on}" if row.happened_on else ""
        slip = f", {row.slip} days after the first deadline" if row.slip else ""
        field("Outcome", f"{row.outcome}{happened}{slip}", colour)
        field("Note", detail.resolution_note)
    for source in detail.evidence:
        field("Evidence", source_line(source, numbers))
    if detail.withdrawn_at:
        field("Withdrawn", f"{detail.withdrawn_at:%Y-%m-%d} {detail.withdrawn_reason or ''}")
    if history:
        text.append("History\n", "bold")
        for event in history:
            text.append(f"  {event.at:%Y-%m-%d %H:%M}  ", "dim")
            text.append(f"{one_line(event.actor):<12} {event.kind:<13} ")
            text.append(one_line(summarise_change(event)) + "\n")
    text.rstrip()
    return text


def deadline_line(window: DeadlineWindow) -> str:
    """The phrase, its window and how it was read; a claim with no deadline says just that."""
    if window.precision == "none" and not window.phrase:
        return "none given"
    return window_line(window)


def _numbered(url: str, numbers: dict[str, int]) -> str:
    return f"[{numbers[url]}] {url}" if url in numbers else url


def source_line(source: SourceRecord, numbers: dict[str, int]) -> str:
    """A source as `[n] URL  “title”  publisher` (n is what `o` offers it as)."""
    title = f"“{source.title}”" if source.title else None
    url = None if source.url is None else _numbered(source.url, numbers)
    return "  ".join(part for part in (url, title, source.publisher) if part)
