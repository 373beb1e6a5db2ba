"""Capturing claims: add, edit, tag, source and withdraw."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ledger.cli import context
from ledger.cli.command import Command, add_json_option

if TYPE_CHECKING:
    from datetime import date

    from ledger.drafts import ClaimDraft
    from ledger.records import ClaimDetail, EventRecord

# `claims add` has a budget of a few tens of milliseconds: modules are imported where they are
# used, so that a plain add loads only what it needs.


def _target_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("numeric target")
    group.add_argument("--metric", help="what is measured, e.g. 'GPUs in Colossus'")
    group.add_argument("--low", help="lower bound of the target")
    group.add_argument("--high", help="upper bound of the target")
    group.add_argument("--unit", help="unit, e.g. GPUs, USD, MW")


def _configure_add(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("statement", help="the claim in your words")
    parser.add_argument("--by", required=True, metavar="CLAIMANT", help="who said it")
    parser.add_argument(
        "--said", metavar="DATE", help="when: YYYY-MM-DD, YYYY-MM or YYYY (default today)"
    )
    parser.add_argument(
        "--deadline", metavar="PHRASE", help="the deadline as said, e.g. 'in December'"
    )
    parser.add_argument(
        "--source", action="append", default=[], metavar="URL", help="where it was said (repeat)"
    )
    parser.add_argument(
        "--source-title",
        action="append",
        default=[],
        metavar="TITLE",
        help="a source with no URL (print, broadcast), e.g. 'FT, 5 Sep 2024, p. 3' (repeat)",
    )
    parser.add_argument("--quote", help="the words as said, in any language")
    parser.add_argument("--tag", action="append", default=[], help="a tag (repeat)")
    parser.add_argument("--hedge", help="will, plans, expects, hopes or could (default will)")
    parser.add_argument("--condition", help="what it depends on, e.g. 'if xAI gets 50k H200s'")
    parser.add_argument(
        "--probability", metavar="P", help="your forecast that it comes true, 0..1 or 70%%"
    )
    _target_options(parser)
    add_json_option(parser)


def run_add(args: argparse.Namespace) -> int:
    from ledger.validate import draft_claim, parse_target

    today = context.today()
    draft = draft_claim(
        statement=args.statement,
        claimant=args.by,
        said=args.said or today.isoformat(),
        deadline=args.deadline,
        sources=args.source,
        today=today,
        quote=args.quote,
        tags=args.tag,
        hedge=args.hedge,
        condition=args.condition,
        target=parse_target(args.metric, args.low, args.high, args.unit),
        probability=args.probability,
        source_titles=args.source_title,
    )
    new_file = context.missing_ledger_file(args)
    with context.open_hot(args, create=True) as ledger:
        if args.json:
            from ledger.cli.jsonout import claim_detail_json, dumps

            print(dumps(claim_detail_json(ledger.add(draft, now=context.now()), today)))
            return 0
        twins = ledger.same_claims(draft)
        claim_id = ledger.record(draft, now=context.now())
    if new_file is not None:
        print(f"Made a new ledger: {new_file}")
    print(added_text(claim_id, draft, said_defaulted=args.said is None, today=today))
    if twins:
        others = ", ".join(str(twin) for twin in twins)
        print(
            f"  note: claim {others} has the same statement, claimant and said date;\n"
            f"        `claims withdraw {claim_id}` takes this one out if it is a slip"
        )
    return 0


def added_text(
    claim_id: int, draft: ClaimDraft, *, said_defaulted: bool = False, today: date | None = None
) -> str:
    """What `claims add` answers: the claim as stored and how its deadline was read."""
    from ledger.textsafe import escape_controls, truncate

    said = f"said {draft.said_on}" + (" (today; --said sets it)" if said_defaulted else "")
    lines = [
        f"Added claim {claim_id}: {truncate(draft.statement, 100)}",
        f"  by {draft.claimant}, {said}",
        f"  deadline: {draft.deadline.explain()}",
    ]
    if draft.probability is not None:
        lines.append(f"  your forecast: {draft.probability:.0%}")
        end = draft.deadline.end
        if today is not None and end is not None and end < today:
            lines.append(
                f"  note: calibration will not score it: its window closed on {end}, before "
                f"today; `claims forecast {claim_id} P --at DATE` records one made in time"
            )
    return escape_controls("\n".join(lines), keep_newlines=True)


def _configure_edit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument("--statement", help="new wording")
    parser.add_argument("--quote", help="new quote ('' clears it)")
    parser.add_argument("--by", metavar="CLAIMANT", help="a different claimant")
    parser.add_argument(
        "--said", metavar="DATE", help="a corrected said date (re-reads the deadline)"
    )
    parser.add_argument("--deadline", metavar="PHRASE", help="a corrected first deadline")
    parser.add_argument("--hedge", help="will, plans, expects, hopes or could")
    parser.add_argument("--condition", help="new condition ('' clears it)")
    parser.add_argument("--clear-target", action="store_true", help="remove the numeric target")
    _target_options(parser)
    add_json_option(parser)


def run_edit(args: argparse.Namespace) -> int:
    from ledger.validate import draft_changes, edit_target

    with context.open_full(args) as ledger:
        seen = ledger.claim(args.claim)
        changes = draft_changes(
            statement=args.statement,
            quote=args.quote,
            claimant=args.by,
            hedge=args.hedge,
            condition=args.condition,
            said=args.said,
            deadline=args.deadline,
            target=edit_target(seen.target, args.metric, args.low, args.high, args.unit),
            clear_target=args.clear_target,
            today=context.today(),
        )
        detail = ledger.edit(seen.id, changes, now=context.now(), version=seen.version)
        edit = ledger.history(seen.id)[-1]
    rereading = bool(args.said or args.deadline)
    _print_detail(args, detail, edited_text(detail, edit, rereading=rereading))
    return 0


def edited_text(detail: ClaimDetail, edit: EventRecord, *, rereading: bool) -> str:
    """`Edited claim 3: hedge: will -> expects`, and the first deadline as read again when the
    edit re-read it."""
    from ledger.cli.views import summarise_change
    from ledger.textsafe import one_line

    text = f"Edited claim {detail.id}: {one_line(summarise_change(edit))}"
    if rereading and detail.deadlines:
        first = detail.deadlines[0]
        text += f"\n  said {first.said_on}; deadline: {first.window.explain()}"
        outcome = detail.row.outcome
        if outcome is not None:
            on = f" on {detail.row.happened_on}" if detail.row.happened_on else ""
            text += (
                f"\n  note: it was resolved ({outcome}{on}) against the deadline as it was read "
                f"before; `claims reopen {detail.id}` and resolve it again if that changes it"
            )
    return text


def _print_detail(args: argparse.Namespace, detail: ClaimDetail, message: str) -> None:
    from ledger.textsafe import escape_controls

    if getattr(args, "json", False):
        from ledger.cli.jsonout import claim_detail_json, dumps

        print(dumps(claim_detail_json(detail, context.today())))
    else:
        print(escape_controls(message, keep_newlines=True))


def _configure_tag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument("tags", nargs="*", metavar="TAG", help="tags to add")
    parser.add_argument(
        "--remove",
        "-r",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag to remove (repeat)",
    )
    add_json_option(parser)


def run_tag(args: argparse.Namespace) -> int:
    from ledger.errors import InputError
    from ledger.validate import check_tags

    add, remove = check_tags(args.tags), check_tags(args.remove)
    if not add and not remove:
        raise InputError("give tags to add, or --remove TAG")
    with context.open_full(args) as ledger:
        detail = ledger.tag(args.claim, add=add, remove=remove, now=context.now())
    tags = ", ".join(detail.row.tags) or "none"
    _print_detail(args, detail, f"Claim {detail.id} tags: {tags}")
    return 0


def _configure_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument(
        "url", metavar="URL", nargs="?", help="http or https address (or, for print, --title alone)"
    )
    parser.add_argument("--evidence", action="store_true", help="evidence for how it turned out")
    parser.add_argument("--title", help="the page's title")
    parser.add_argument("--publisher", help="the outlet, e.g. Reuters")
    parser.add_argument("--published", metavar="DATE", help="when it was published (YYYY-MM-DD)")
    parser.add_argument("--language", help="language code, e.g. en, zh")
    parser.add_argument("--archive", metavar="URL", help="an archived copy (http or https)")
    add_json_option(parser)


def run_source(args: argparse.Namespace) -> int:
    from ledger.drafts import SourceDraft
    from ledger.errors import InputError
    from ledger.validate import MAX_NAME, check_url, clean_text, parse_optional_date

    title = clean_text(args.title, what="title", max_len=500)
    if args.url is None and title is None:
        raise InputError("give the source's URL, or for print its --title")
    source = SourceDraft(
        url=None if args.url is None else check_url(args.url, what="source URL"),
        role="evidence" if args.evidence else "source",
        title=title,
        publisher=clean_text(args.publisher, what="publisher", max_len=MAX_NAME),
        published_on=parse_optional_date(args.published, what="--published"),
        language=clean_text(args.language, what="language", max_len=20),
        archive_url=None if args.archive is None else check_url(args.archive, what="archive URL"),
    )
    with context.open_full(args) as ledger:
        detail = ledger.add_source(args.claim, source, now=context.now())
    shown = source.url or f"{source.title} (print)"
    _print_detail(args, detail, f"Added {source.role} to claim {detail.id}: {shown}")
    return 0


def _configure_withdraw(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument("--reason", help="why, e.g. 'duplicate of 12'")
    add_json_option(parser)


def run_withdraw(args: argparse.Namespace) -> int:
    from ledger.validate import clean_text

    reason = clean_text(args.reason, what="reason", max_len=500)
    with context.open_full(args) as ledger:
        detail = ledger.withdraw(args.claim, reason=reason, now=context.now())
    _print_detail(
        args,
        detail,
        f"Withdrew claim {detail.id}; it stays in the history (claims history {detail.id}).",
    )
    return 0


COMMANDS = [
    Command(
        "add",
        "Record a claim: who said what, when, where, and by when.",
        'claims add "xAI will release Grok-3 in December" --by "Elon Musk" \\\n'
        '    --said 2024-09-04 --deadline "in December" \\\n'
        "    --source https://example.com/article --tag xAI --hedge hopes",
        _configure_add,
        run_add,
        aliases=("add-claim",),
    ),
    Command(
        "edit",
        "Correct a claim's fields (a new deadline from the claimant is `revise`).",
        "claims edit 3 --statement 'Tesla will spend $3-4B on Nvidia hardware in 2024'\n"
        "claims edit 3 --said 2024-06-05",
        _configure_edit,
        run_edit,
    ),
    Command(
        "tag",
        "Add tags to a claim, or remove them.",
        "claims tag 3 tesla nvidia\nclaims tag 3 --remove nvidia",
        _configure_tag,
        run_tag,
    ),
    Command(
        "source",
        "Attach a source, or evidence for the outcome, to a claim.",
        "claims source 1 https://example.com/launch --evidence --publisher Reuters\n"
        "claims source 1 --title 'FT print edition, 5 Sep 2024, p. 3' --publisher FT",
        _configure_source,
        run_source,
    ),
    Command(
        "withdraw",
        "Take a mistaken claim out of lists and reports; nothing is deleted.",
        'claims withdraw 12 --reason "duplicate of 11"',
        _configure_withdraw,
        run_withdraw,
    ),
]
