"""Full-text search over the archive with Whoosh: schema, analyzers, index and queries."""
