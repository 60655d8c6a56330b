"""The error every reader of the course's files raises: file, line, field and what is wrong."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file is malformed. ``str()`` gives ``path:line: field: message``."""

    def __init__(self, path: Path | str, line: int | None, field: str, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")
