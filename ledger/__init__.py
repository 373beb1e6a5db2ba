"""claims: a ledger of public claims and predictions (the core; it knows no front end)."""

__version__ = "0.1.0"
