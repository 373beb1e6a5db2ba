"""Entry point of the `claims` command."""

import sys


def main(argv: list[str] | None = None) -> int:
    print("claims: under construction", file=sys.stderr)
    return 1
