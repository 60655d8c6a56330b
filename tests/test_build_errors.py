"""A malformed content file fails the real build with its file, line and field."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from paths import ROOT

PAGE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# Page

```{code-cell} ipython3
from selfhelp_course import knowledge_check
knowledge_check("demo-one")
```
"""


def test_a_malformed_bank_fails_the_build_naming_file_line_and_field(tmp_path):
    book = tmp_path / "book"
    (book / "data" / "activities" / "checks").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (book / "index.md").write_text(PAGE, encoding="utf-8")
    bank = book / "data" / "activities" / "checks" / "demo.yml"
    bank.write_text(
        "checks:\n  - id: demo-one\n    kind: single\n    question: Q?\n    options:\n"
        "      - text: A\n        correct: true\n        feedback: yes\n"
        "      - text: B\n        correct: maybe\n        feedback: no\n",
        encoding="utf-8",
    )
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", "-W", "-n", "--keep-going", str(book)],
                            capture_output=True, text=True, timeout=300,
                            env={"PATH": str(jupyter_book.parent), "HOME": str(tmp_path)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{bank}:10" in output
    assert "checks[0].options[1].correct: must be true or false" in output
