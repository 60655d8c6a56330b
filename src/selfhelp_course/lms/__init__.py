"""lms: see docs/architecture.md."""
