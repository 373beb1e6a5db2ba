"""A claim's life: resolve, reopen, revise (re-dated by the claimant) and forecast."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from ledger.cli import context
from ledger.cli.command import Command, add_json_option
from ledger.cli.jsonout import claim_detail_json, dumps
from ledger.cli.views import window_line
from ledger.errors import InputError
from ledger.records import ClaimDetail
from ledger.rules import OUTCOME_MEANINGS, OUTCOMES
from ledger.textsafe import escape_controls


def _report(args: argparse.Namespace, detail: ClaimDetail, message: str) -> int:
    if args.json:
        print(dumps(claim_detail_json(detail, context.today())))
    else:
        print(escape_controls(message, keep_newlines=True))
    return 0


def _configure_resolve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    meanings = "; ".join(f"{name}: {text}" for name, text in OUTCOME_MEANINGS.items())
    parser.add_argument(
        "outcome", metavar="OUTCOME", help=f"one of {', '.join(OUTCOMES)}. {meanings}"
    )
    parser.add_argument("--on", metavar="DATE", help="the day it happened or became known")
    parser.add_argument(
        "--evidence", action="append", default=[], metavar="URL", help="evidence (repeat)"
    )
    parser.add_argument("--note", help="how it turned out, in a sentence")
    add_json_option(parser)


def run_resolve(args: argparse.Namespace) -> int:
    from ledger.records import SourceDraft
    from ledger.rules import check_outcome_name
    from ledger.validate import check_url, clean_text, parse_optional_date

    outcome = check_outcome_name(args.outcome)
    happened_on = parse_optional_date(args.on, what="--on")
    evidence = tuple(
        SourceDraft(check_url(u, what="evidence URL"), role="evidence") for u in args.evidence
    )
    note = clean_text(args.note, what="note")
    with context.open_full(args) as ledger:
        seen = ledger.claim(args.claim)
        detail = ledger.resolve(
            seen.id,
            outcome,
            happened_on=happened_on,
            evidence=evidence,
            note=note,
            now=context.now(),
            version=seen.version,
        )
    slip = f", {detail.row.slip} days after the first deadline" if detail.row.slip else ""
    on = f" on {happened_on}" if happened_on else ""
    return _report(args, detail, f"Claim {detail.id} resolved: {outcome}{on}{slip}.")


def _configure_reopen(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    add_json_option(parser)


def run_reopen(args: argparse.Namespace) -> int:
    with context.open_full(args) as ledger:
        seen = ledger.claim(args.claim)
        detail = ledger.reopen(seen.id, now=context.now(), version=seen.version)
    return _report(
        args, detail, f"Claim {detail.id} is open again; its earlier outcome stays in the history."
    )


def _configure_revise(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument(
        "--deadline", required=True, metavar="PHRASE", help="the new deadline as said"
    )
    parser.add_argument(
        "--said", metavar="DATE", help="when the claimant re-dated it (default today)"
    )
    parser.add_argument("--source", metavar="URL", help="where the new deadline was said")
    add_json_option(parser)


def run_revise(args: argparse.Namespace) -> int:
    from ledger.dates import parse_said_on
    from ledger.records import SourceDraft
    from ledger.validate import check_url

    today = context.today()
    said_on = parse_said_on(args.said or today.isoformat(), today=today)
    source = (
        None
        if args.source is None
        else SourceDraft(check_url(args.source, what="source URL"), role="revision")
    )
    with context.open_full(args) as ledger:
        seen = ledger.claim(args.claim)
        detail = ledger.revise(
            seen.id,
            phrase=args.deadline,
            said_on=said_on,
            source=source,
            now=context.now(),
            version=seen.version,
        )
    window = detail.deadlines[-1].window
    first = detail.deadlines[0].window
    return _report(
        args,
        detail,
        f"Claim {detail.id} re-dated (said {said_on}): {window_line(window)}\n"
        f"  first deadline stays on record: {first.describe()}",
    )


def _configure_forecast(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument(
        "probability", metavar="P", help="chance it comes true by its deadline: 0..1 or 70%%"
    )
    parser.add_argument(
        "--at", metavar="WHEN", help="when the forecast was made (YYYY-MM-DD or ISO time)"
    )
    add_json_option(parser)


def parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--at {text!r} is not a date (YYYY-MM-DD) or an ISO time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def run_forecast(args: argparse.Namespace) -> int:
    from ledger.validate import parse_probability

    probability = parse_probability(args.probability)
    now = context.now()
    made_at = now if args.at is None else parse_moment(args.at)
    with context.open_full(args) as ledger:
        detail = ledger.forecast(args.claim, probability, made_at=made_at, now=now)
    message = f"Forecast recorded for claim {detail.id}: {probability:.0%} ({made_at:%Y-%m-%d})."
    return _report(args, detail, message + hindsight_note(detail, made_at))


def hindsight_note(detail: ClaimDetail, made_at: datetime) -> str:
    """A warning when calibration will never count this forecast."""
    from ledger.reports.calibration import forecast_cutoff

    row = detail.row
    resolved_on = None if detail.resolved_at is None else detail.resolved_at.date()
    cutoff = forecast_cutoff(
        window_end=row.window_end, happened_on=row.happened_on, resolved_on=resolved_on
    )
    if cutoff is None or made_at.date() <= cutoff:
        return ""
    return (
        f"\n  note: calibration will not score it: forecasts on this claim count only when "
        f"made by {cutoff}, before its outcome could be known (--at sets when it was made)"
    )


def _configure_undo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "claim",
        nargs="?",
        metavar="ID",
        help="the claim whose latest change to take back (default: the ledger's latest change)",
    )
    parser.add_argument(
        "--event",
        metavar="UID",
        help="refuse unless this event (its uid or first 4+ characters) is still the latest",
    )
    add_json_option(parser)


def run_undo(args: argparse.Namespace) -> int:
    from ledger.cli.views import summarise_change

    with context.open_full(args) as ledger:
        event, detail = ledger.undo(args.claim, event=args.event, now=context.now())
    made = f"made {event.at:%Y-%m-%d %H:%M} UTC by {event.actor}"
    if event.kind == "undone":
        message = f"Undid the undo of claim {detail.id}'s {event.change.get('kind')} change."
    else:
        message = f"Undid the {event.kind} change of claim {detail.id} ({made}: "
        message += f"{summarise_change(event)})."
    if event.kind == "created":
        message += (
            f"\n  The claim is withdrawn, not deleted; `claims undo {detail.id}` restores it."
        )
    return _report(args, detail, message)


COMMANDS = [
    Command(
        "resolve",
        "Record how a claim turned out, when, and the evidence.",
        "claims resolve 1 broken --on 2025-02-17 --evidence https://example.com/launch \\\n"
        '    --note "Launched seven weeks late"',
        _configure_resolve,
        run_resolve,
    ),
    Command(
        "reopen",
        "Clear a claim's outcome (it stays in the history).",
        "claims reopen 1",
        _configure_reopen,
        run_reopen,
    ),
    Command(
        "revise",
        "Record a new deadline the claimant gave; the first one stays on record.",
        'claims revise 1 --deadline "in one to two weeks" --said 2025-02-13 \\\n'
        "    --source https://example.com/redated",
        _configure_revise,
        run_revise,
    ),
    Command(
        "forecast",
        "Record your probability that a claim comes true by its deadline.",
        "claims forecast 1 0.3\nclaims forecast 1 65% --at 2024-09-10",
        _configure_forecast,
        run_forecast,
    ),
    Command(
        "undo",
        "Take back the latest change to a claim (or to the ledger); the history keeps both.",
        "claims undo 12\nclaims undo\nclaims undo 12 --event 3f9a2c1d",
        _configure_undo,
        run_undo,
        details="Undo reverts one change, the latest, and records that it did: the history keeps\n"
        "both. Undoing a claim's creation withdraws it; undoing an undo redoes the change.\n"
        "With --event, undo refuses if the claim changed since you looked.",
    ),
]
