"""Shared fixtures. The repository root is the course root for every test."""
from __future__ import annotations

import os
import pytest

from paths import ROOT

os.environ.setdefault("SELFHELP_COURSE_ROOT", str(ROOT))


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
