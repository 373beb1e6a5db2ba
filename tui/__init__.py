"""The review app: a Textual front end over the ledger's public API."""
