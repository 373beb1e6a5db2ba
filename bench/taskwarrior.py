"""Taskwarrior beside claims: the same number of tasks in a data folder of its own."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

from bench.timing import Timing, time_process


def available() -> str | None:
    """`task --version`, or None when taskwarrior is not installed."""
    if shutil.which("task") is None:
        return None
    done = subprocess.run(["task", "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def make_taskdata(folder: Path, count: int, *, today: date, seed: int = 7) -> dict[str, str]:
    """A taskwarrior data folder holding `count` pending tasks, a third of them overdue."""
    folder.mkdir(parents=True, exist_ok=True)
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\ngc=off\n"
        "hooks=off\nnews.version=9.9.9\n",
        encoding="utf-8",
    )
    env = {"TASKRC": str(rc), "TASKDATA": str(folder / "data")}
    if count:
        tasks = folder / "tasks.json"
        rng = random.Random(seed)  # noqa: S311 (made-up test data, not secrets)
        tasks.write_text(_tasks_json(count, today, rng), encoding="utf-8")
        importing = ["task", "import", str(tasks)]
        subprocess.run(importing, env=_env(env), capture_output=True, check=True)
    return env


def _tasks_json(count: int, today: date, rng: random.Random) -> str:
    lines = []
    for index in range(count):
        due = today + timedelta(days=rng.randint(-400, 800))
        lines.append(
            json.dumps(
                {
                    "uuid": f"{index:08x}-0000-4000-8000-{index:012x}",
                    "description": f"Claim number {index} about something promised",
                    "status": "pending",
                    "entry": "20240101T000000Z",
                    "due": due.strftime("%Y%m%dT000000Z"),
                    "tags": [rng.choice(["xai", "tesla", "openai", "policy"])],
                }
            )
        )
    return "\n".join(lines) + "\n"


def _env(extra: dict[str, str]) -> dict[str, str]:
    import os

    return {**os.environ, **extra}


def time_taskwarrior(env: dict[str, str], *, runs: int) -> tuple[Timing, Timing]:
    """`task add` and `task +OVERDUE list` on the prepared data folder."""
    add = time_process(
        "task add",
        lambda i: ["task", "add", f"bench task {i}", "due:2027-01-01", "+bench"],
        runs=runs,
        env=env,
    )
    # taskwarrior exits 1 when nothing matches (an empty data folder)
    overdue = time_process(
        "task +OVERDUE list", ["task", "+OVERDUE", "list"], runs=runs, env=env, ok=(0, 1)
    )
    return add, overdue
