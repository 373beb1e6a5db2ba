"""The demo ledger: the claims of a September 2024 article on xAI's Colossus, with outcomes."""
