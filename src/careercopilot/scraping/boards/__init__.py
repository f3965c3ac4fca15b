"""One module per board; each maps the board's own format onto RawPosting and nothing else."""
