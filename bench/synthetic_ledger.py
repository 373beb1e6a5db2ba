"""Made-up but realistic ledgers, written as a JSON Lines archive for `claims import` to read.

Each claim has a claimant (some with aliases, some with names in other scripts), one to three
tags, one or two sources, a first deadline; some carry a forecast, some were re-dated, some were
resolved with evidence. Every claim's events replay to the state on its line, as import checks.
The same count and seed always give the same file.

Example:
    python -m bench.synthetic_ledger million.jsonl --claims 1000000
    claims import million.jsonl --db million.db
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ledger.validate import name_key

STAMP = "2026-01-01T12:00:00.000000Z"
ACTOR = "bench"
FIRST_SAID = date(2022, 1, 1)
SAID_DAYS = 1600  # said dates run from 2022 to mid-2026
FAMILY = ("Musk", "Altman", "Huang", "Su", "Pichai", "Nadella", "Zuckerberg", "Bezos", "Cook")
GIVEN = ("Elon", "Sam", "Jensen", "Lisa", "Sundar", "Satya", "Mark", "Jeff", "Tim", "Ada")
ORGANISATIONS = ("Acme Rail 🚆", "東京都", "Ministry of Energy", "小米集团", "Northwind Motors")
TAGS = (
    *("ai", "chips", "energy", "transport", "policy", "space", "model-release", "factory"),
    *("xAI", "Tesla", "OpenAI", "Nvidia", "AMD", "电动车", "半导体", "climate", "robotics"),
)
STATEMENTS = (
    "{org} will ship model {n} before the end of the quarter",
    "Factory {n} will double its output within a few months",
    "新工厂{n}将在年底前投产",
    "The {org} line {n} opens to passengers next year",
    "Fleet {n} goes fully electric 🌱 by the end of the year",
    "Vote [/] now: cluster {n} reaches 100k GPUs in the coming months",
)
PUBLISHERS = ("Reuters", "Business Insider", "Fortune", "智东西", "The Verge", "Nikkei")
HEDGES = ("will", "will", "will", "plans", "expects", "hopes", "could")
OUTCOMES = ("kept", "kept", "partly", "broken", "broken", "retracted", "void", "unverifiable")


def claimant_names(count: int = 200) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, kind, aliases): people with a short alias each, then organisations."""
    people = [
        (
            f"{GIVEN[i % len(GIVEN)]} {FAMILY[i % len(FAMILY)]} {i}",
            "person",
            (f"{FAMILY[i % 9]}#{i}",),
        )
        for i in range(count - len(ORGANISATIONS))
    ]
    return [*people, *((name, "organisation", ()) for name in ORGANISATIONS)]


def archive_lines(claims: int, *, seed: int = 7) -> Iterator[str]:
    """The archive, line by line: a header, the claimants, then `claims` claims."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
    yield _line({"type": "header", "format": "claims-ledger", "version": 1})
    names = claimant_names()
    for name, kind, aliases in names:
        claimant = {"type": "claimant", "name": name, "kind": kind, "created_at": STAMP}
        yield _line({**claimant, "aliases": list(aliases)})
    for n in range(1, claims + 1):
        yield _line(_claim(n, rng, names[rng.randrange(len(names))][0]))


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _uid(kind: int, n: int) -> str:
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


def _moment(day: date, n: int) -> str:
    return f"{day.isoformat()}T{n % 24:02d}:{n % 60:02d}:00.000000Z"


def _claim(n: int, rng: random.Random, claimant: str) -> dict[str, Any]:
    said = FIRST_SAID + timedelta(days=rng.randrange(SAID_DAYS))
    start = said + timedelta(days=rng.randrange(0, 120))
    end = start + timedelta(days=rng.choice((0, 6, 30, 90, 181, 364)))
    created = _moment(said + timedelta(days=rng.randrange(3)), n)
    window = {
        "phrase": "in the coming months",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "precision": "month",
        "note": f"a made-up window ending {end.isoformat()}",
    }
    source = {
        "role": "source",
        "url": f"https://news{n % 97}.example/{said.year}/story-{n}",
        "title": f"Story {n}",
        "publisher": PUBLISHERS[n % len(PUBLISHERS)],
    }
    tags = sorted({rng.choice(TAGS) for _ in range(rng.randint(1, 3))}, key=name_key)
    org = ORGANISATIONS[n % len(ORGANISATIONS)]
    change: dict[str, Any] = {
        "uid": _uid(1, n),
        "statement": STATEMENTS[n % len(STATEMENTS)].format(n=n, org=org),
        "claimant": claimant,
        "said_on": said.isoformat(),
        "hedge": rng.choice(HEDGES),
        "deadline": window,
        "sources": [source],
        "tags": tags,
    }
    if rng.random() < 0.3:
        change["probability"] = round(rng.random(), 2)
    claim = _state(change, created)
    events = [_event(_uid(2, n), created, "created", change)]
    later = date.fromisoformat(created[:10])
    if rng.random() < 0.05:
        later += timedelta(days=30)
        _revise(claim, events, n, later)
    if rng.random() < 0.1:
        later += timedelta(days=5)
        _forecast(claim, events, n, later, round(rng.random(), 2))
    if rng.random() < 0.5:
        later = max(later, end) + timedelta(days=rng.randrange(1, 60))
        _resolve(claim, events, n, later, rng.choice(OUTCOMES))
    return {**claim, "events": events}


def _state(change: dict[str, Any], at: str) -> dict[str, Any]:
    """The claim line's fields as the created event alone leaves them."""
    said = change["said_on"]
    window = change["deadline"]
    source = {key: None for key in ("url", "title", "publisher", "published_on", "language")}
    probability = change.get("probability")
    return {
        "type": "claim",
        "uid": change["uid"],
        "statement": change["statement"],
        "quote": None,
        "claimant": change["claimant"],
        "said_on": said,
        "hedge": change["hedge"],
        "condition": None,
        "target": None,
        "tags": change["tags"],
        "deadlines": [{"seq": 0, **_deadline(window, said), "source": 0, "recorded_at": at}],
        "sources": [
            {**source, **item, "archive_url": None, "added_at": at} for item in change["sources"]
        ],
        "forecasts": []
        if probability is None
        else [{"probability": probability, "made_at": at, "forecaster": ACTOR, "recorded_at": at}],
        "outcome": None,
        "happened_on": None,
        "resolution_note": None,
        "resolved_at": None,
        "withdrawn_at": None,
        "withdrawn_reason": None,
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }


def _deadline(window: dict[str, Any], said: str) -> dict[str, Any]:
    return {
        "phrase": window["phrase"],
        "said_on": said,
        "start": window["start"],
        "end": window["end"],
        "precision": window["precision"],
        "note": window["note"],
    }


def _event(uid: str, at: str, kind: str, change: dict[str, Any]) -> dict[str, Any]:
    return {"uid": uid, "at": at, "actor": ACTOR, "kind": kind, "change": change}


def _bump(claim: dict[str, Any], at: str) -> None:
    claim["version"] += 1
    claim["updated_at"] = at


def _revise(claim: dict[str, Any], events: list[dict[str, Any]], n: int, day: date) -> None:
    at = _moment(day, n)
    end = day + timedelta(days=90)
    window = {
        "phrase": "within three months",
        "start": day.isoformat(),
        "end": end.isoformat(),
        "precision": "month",
        "note": f"3 months from {day.isoformat()}",
    }
    seq = len(claim["deadlines"])
    change = {"seq": seq, "said_on": day.isoformat(), "deadline": window}
    claim["deadlines"].append(
        {"seq": seq, **_deadline(window, day.isoformat()), "source": None, "recorded_at": at}
    )
    events.append(_event(_uid(3, n), at, "revised", change))
    _bump(claim, at)


def _forecast(
    claim: dict[str, Any], events: list[dict[str, Any]], n: int, day: date, p: float
) -> None:
    at = _moment(day, n)
    claim["forecasts"].append(
        {"probability": p, "made_at": at, "forecaster": ACTOR, "recorded_at": at}
    )
    made_at = f"{day.isoformat()}T{n % 24:02d}:{n % 60:02d}:00+00:00"
    events.append(_event(_uid(4, n), at, "forecast", {"probability": p, "made_at": made_at}))
    _bump(claim, at)


def _resolve(
    claim: dict[str, Any], events: list[dict[str, Any]], n: int, day: date, outcome: str
) -> None:
    at = _moment(day, n)
    change: dict[str, Any] = {"outcome": outcome}
    if outcome in ("kept", "partly", "broken"):
        change["happened_on"] = (day - timedelta(days=1)).isoformat()
        url = f"https://evidence{n % 13}.example/{n}"
        change["evidence"] = [{"role": "evidence", "url": url}]
        claim["sources"].append(
            {
                "role": "evidence",
                "url": url,
                **{key: None for key in ("title", "publisher", "published_on", "language")},
                "archive_url": None,
                "added_at": at,
            }
        )
    change["note"] = f"made-up resolution {n}"
    claim.update(
        outcome=outcome,
        happened_on=change.get("happened_on"),
        resolution_note=change["note"],
        resolved_at=at,
    )
    events.append(_event(_uid(5, n), at, "resolved", change))
    _bump(claim, at)


def write_archive(path: Path, claims: int, *, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(archive_lines(claims, seed=seed))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path, help="the JSON Lines file to write")
    parser.add_argument("--claims", type=int, default=1_000_000, help="how many claims")
    args = parser.parse_args()
    write_archive(args.path, args.claims)
    print(f"Wrote {args.claims:,} claims to {args.path}")


if __name__ == "__main__":
    main()
