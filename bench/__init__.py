"""The benchmark: whole-process timings of the CLI beside raw sqlite3 and taskwarrior, import
rates, and the review app's first paint, memory and key latency. Run `uv run python -m bench`."""
