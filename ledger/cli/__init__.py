"""The command line: a thin edge over the ledger's API."""
