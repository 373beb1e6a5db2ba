"""Start the review app on a ledger (the CLI's `claims review` calls this)."""

from __future__ import annotations

from ledger.location import LedgerLocation


def run_app(location: LedgerLocation, *, actor: str, start_in_queue: bool = False) -> int:
    from tui.app import ClaimsApp

    app = ClaimsApp(location, actor=actor, start_in_queue=start_in_queue)
    app.run()
    return app.return_code or 0
