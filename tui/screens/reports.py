"""The reports screen: the due report, track records by claimant, calibration and slip charts.

The figures are the ones `claims due`, `claims report` and `claims calibration` print: the same
functions in `ledger.reports` compute them and the same text renderers lay them out, so the app
and the CLI never disagree. Each tab is read in a worker when the screen opens or on refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from ledger.errors import LedgerError
from ledger.query import ClaimQuery

if TYPE_CHECKING:
    from tui.app import ClaimsApp

TABS = (("due", "Due"), ("track", "Track records"), ("calibration", "Calibration"))


@dataclass(frozen=True)
class ReportTexts:
    """The three tabs as laid-out text (ANSI colours from the CLI's renderers)."""

    due: str
    track: str
    calibration: str


class ReportsRead(Message):
    """The worker read the reports."""

    def __init__(self, texts: ReportTexts) -> None:
        super().__init__()
        self.texts = texts


class ReportsFailed(Message):
    """The worker could not read the reports; `text` says why."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ReportsScreen(Screen[None]):
    """Due report, track records per claimant and calibration, for the claims the list shows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_tab('due')", "Due"),
        Binding("2", "show_tab('track')", "Track records"),
        Binding("3", "show_tab('calibration')", "Calibration"),
        Binding("g,ctrl+r", "refresh", "Refresh"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, query: ClaimQuery | None = None) -> None:
        super().__init__(name="Reports")
        self.claim_query = ClaimQuery() if query is None else query

    @property
    def claims_app(self) -> ClaimsApp:
        return cast("ClaimsApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="report-tabs"):
            for key, title in TABS:
                with TabPane(title, id=f"tab-{key}"), VerticalScroll(classes="report-pane"):
                    yield Static(Text("Reading the ledger…", "dim"), id=f"report-{key}")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        """Read the reports again."""
        width = max(60, self.size.width - 4)
        self._read(width)

    def action_show_tab(self, key: str) -> None:
        """Switch to a report."""
        self.query_one(TabbedContent).active = f"tab-{key}"

    def action_back(self) -> None:
        """Back to the screen before."""
        self.dismiss()

    @work(thread=True, exclusive=True, group="reports")
    def _read(self, width: int) -> None:
        try:
            texts = read_reports(self.claims_app, self.claim_query, width)
        except LedgerError as error:
            self.post_message(ReportsFailed(str(error)))
        else:
            self.post_message(ReportsRead(texts))

    @on(ReportsRead)
    def _show(self, message: ReportsRead) -> None:
        for key, _title in TABS:
            text = Text.from_ansi(getattr(message.texts, key), no_wrap=True)
            self.query_one(f"#report-{key}", Static).update(text)

    @on(ReportsFailed)
    def _failed(self, message: ReportsFailed) -> None:
        self.claims_app.say(message.text, severity="error")


def read_reports(app: ClaimsApp, query: ClaimQuery, width: int) -> ReportTexts:
    """Compute the reports and lay them out as the CLI does; runs in a worker."""
    from ledger.cli.report_views import calibration_text, due_text, track_text
    from ledger.cli.terminal import Painter
    from ledger.reports.charts import reliability_chart, slip_chart
    from ledger.reports.track import slip_histogram
    from ledger.rules import DUE_TABLE_LIMIT

    paint, today = Painter(enabled=True), app.today()
    chart_width = min(width, 100)
    with app.gateway.reading() as reader:
        due = reader.due_report(query, today=today, per_bucket=DUE_TABLE_LIMIT)
    ledger = app.gateway.writer()
    records = ledger.track_records(query, today=today, groupings=("claimant",))
    calibration = ledger.calibration(query, today=today)
    slips = slip_chart(slip_histogram(records[0].slips), width=chart_width, colour=True)
    reliability = reliability_chart(calibration.overall.bins, width=chart_width, colour=True)
    return ReportTexts(
        due=due_text(due, width=width, paint=paint, limit=DUE_TABLE_LIMIT),
        track=track_text(records, width=width, paint=paint) + "\n\nSlip\n" + slips,
        calibration=calibration_text(calibration, width=width, paint=paint) + "\n\n" + reliability,
    )
