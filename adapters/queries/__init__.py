"""Read functions over the read tables (never the event log)."""
