"""Job boards: a polite HTTP client, one adapter per board, and a runner that isolates their failures."""
