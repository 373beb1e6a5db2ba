"""Charts drawn as text with plotext: a reliability diagram and a slip histogram.

Both return a string (ANSI colours only when asked), so the CLI prints it and the app shows it
in a Static widget. plotext draws on one module-level figure, hence the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import plotext

from ledger.reports.calibration import CalibrationBin

_FIGURE_LOCK = threading.Lock()
_TICKS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def reliability_chart(
    bins: Sequence[CalibrationBin], *, width: int = 72, height: int = 20, colour: bool = False
) -> str:
    """Observed frequency against mean forecast per bin; the diagonal is perfect calibration."""
    filled = [b for b in bins if b.count and b.mean_forecast is not None]
    with _FIGURE_LOCK:
        figure = _fresh(width, height, colour)
        diagonal = figure.signal([0.0, 1.0], [0.0, 1.0], marker="dot")
        diagonal.lines(True)
        figure.draw(diagonal)
        if filled:
            points = figure.signal(
                [b.mean_forecast or 0.0 for b in filled],
                [b.observed or 0.0 for b in filled],
                marker="o",
            )
            figure.draw(points)
        for axis in ("x", "y"):
            figure.ruler(axis).lim(0.0, 1.0)
            figure.ruler(axis).ticks(_TICKS)
        figure.title("Reliability: o your forecasts per bin, · perfect calibration")
        figure.label("mean forecast", "x")
        return _text(figure, colour)


def slip_chart(
    histogram: Sequence[tuple[str, int]],
    *,
    width: int = 72,
    height: int = 16,
    colour: bool = False,
) -> str:
    """How many claims came true on time, or that many days after their first deadline."""
    with _FIGURE_LOCK:
        figure = _fresh(width, height, colour)
        labels = [label for label, _ in histogram]
        counts = [count for _, count in histogram]
        figure.draw(figure.bar(labels, counts, labeled=True))
        top = max(counts, default=0)
        figure.ruler("y").lim(0, max(1, top))
        figure.ruler("y").ticks(sorted({0, max(1, top) // 2, max(1, top)}))
        figure.title("Slip: claims that came true, by days after their first deadline")
        return _text(figure, colour)


def _fresh(width: int, height: int, colour: bool) -> Any:
    figure = plotext.figure
    figure.clear()
    figure.plot_size(max(30, width), max(10, height))
    figure.theme("default" if colour else "colorless")
    return figure


def _text(figure: Any, colour: bool) -> str:
    text: str = figure.build().string(colorless=not colour)
    return "\n".join(line.rstrip() for line in text.splitlines())
