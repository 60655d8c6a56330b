"""site: see docs/architecture.md."""
