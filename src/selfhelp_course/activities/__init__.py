"""activities: see docs/architecture.md."""
