"""Where things are, for every test (tests/ is on pytest's pythonpath)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The build folder; COURSE_BUILD_DIR lets parallel work build and test elsewhere
# (`jupyter-book build --path-output DIR .` writes DIR/_build/html: set it to DIR/_build).
BUILD = Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build"))
SITE = BUILD / "html"

# Reference and record pages: no minutes, objectives, key points or lesson rules of their own.
REFERENCE_PAGES = frozenset(
    {
        "book/about",
        "book/download",
        "book/glossary",
        "book/references",
        "book/execution-status",
        "book/progress",
        "book/evaluation",
        "book/portfolio",
    }
)

# A one-page book's page: MyST front matter and one code cell ({code}); tests/conftest.py's
# scratch_book fixture builds it.
SCRATCH_PAGE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
last_reviewed: "2026-12-07"
review_by: "2027-12-07"
---
# Page

```{{code-cell}} ipython3
{code}
```
"""
