"""Read functions over the read tables, and for an aggregate's history over the log's own table."""
