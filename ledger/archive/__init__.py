"""Export, import and backup: the ledger's archival formats and how their files are written."""
