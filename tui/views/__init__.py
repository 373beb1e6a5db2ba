"""Widgets of the review app that show the ledger's records."""
