"""Start the review app on a ledger (the CLI's `claims review` calls this)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from ledger.errors import InputError
from ledger.location import LedgerLocation

if TYPE_CHECKING:
    from tui.app import ClaimsApp


def wall_clock() -> datetime:
    """Now in the user's zone, so that today is their today; CLAIMS_NOW pins it (in UTC)."""
    from ledger.cli import context

    moment = context.now()
    return moment if os.environ.get(context.CLOCK_VARIABLE) else moment.astimezone()


def make_app(
    location: LedgerLocation, *, actor: str, start_in_queue: bool = False, warm_up: bool = True
) -> ClaimsApp:
    """The app on the ledger at `location`, acting as `actor`, on the wall clock."""
    from tui.app import ClaimsApp
    from tui.gateway import LedgerGateway

    gateway = LedgerGateway(location, actor=actor)
    gateway.check_exists()
    return ClaimsApp(gateway, clock=wall_clock, start_in_queue=start_in_queue, warm_up=warm_up)


def run_app(location: LedgerLocation, *, actor: str, start_in_queue: bool = False) -> int:
    """Run the app until the user quits; refuse at once when there is no terminal to run in."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            "review needs a terminal, but its input or output is redirected; "
            "`claims list --json` prints the claims for a script"
        )
    app = make_app(location, actor=actor, start_in_queue=start_in_queue)
    app.run()
    return app.return_code or 0
