"""course: see docs/architecture.md."""
