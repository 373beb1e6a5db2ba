"""How a CLI command is declared: a name, a summary, an example, its options and its body."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple


class Command(NamedTuple):
    name: str
    summary: str
    example: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    aliases: tuple[str, ...] = ()
    details: str = ""

    def epilog(self) -> str:
        lines = ["Example:", *("  " + line for line in self.example.strip().splitlines())]
        return "\n".join(lines)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
