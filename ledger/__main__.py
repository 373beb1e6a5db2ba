"""`python -m ledger` runs the claims command line."""

from ledger.cli.main import run

run()
