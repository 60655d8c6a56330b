"""Stated minutes that match the work: every timed page's minutes cover reading it at 200 words
a minute (prose and its activities' text) plus the time its activities are given."""

from __future__ import annotations

import pytest

from paths import ROOT
from selfhelp_course.course.reading_time import WORDS_PER_MINUTE, activity_texts, page_reading, prose_words
from selfhelp_course.course.structure import toc_docnames

TEXTS = activity_texts(ROOT)
READINGS = [r for name in toc_docnames(ROOT) if (r := page_reading(ROOT, name, TEXTS))]


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.docname)
def test_stated_minutes_cover_reading_and_activities(reading):
    assert reading.stated_minutes >= reading.needed_minutes, (
        f"{reading.docname}: {reading.words} words to read ({reading.prose_words} of prose, "
        f"{reading.activity_words} in its activities) take {reading.needed_minutes - reading.activity_minutes} "
        f"minutes at {WORDS_PER_MINUTE} a minute, plus {reading.activity_minutes} for the activities: "
        f"{reading.needed_minutes} in all, but the page states {reading.stated_minutes}"
    )


def test_the_rule_can_fail():
    """A page stating less than its reading time is caught."""
    long = next(r for r in READINGS if r.docname == "book/welcome")
    assert long.words > 3000 and long.needed_minutes > long.activity_minutes + 15


def test_what_is_counted_and_what_is_not():
    page = """---
course:
  teaching_minutes: 5
---
(label)=
# Two words

```{admonition} Key points
:class: key-points
- three more words
```

````{only} trainer
Trainer notes are not read by learners at all.
````

```{code-cell} ipython3
print("code is not read")
```

As {cite:p}`visram2012` found, {term}`reciprocity` matters.
"""
    # "Two words" 2 + "three more words" 3 + "As found reciprocity matters" 4 (a directive's own
    # line, its title included, is not counted)
    assert prose_words(page) == 9


def test_activity_text_counts_questions_and_options_not_feedback():
    check = next(k for k in TEXTS if k[0] == "check")
    assert TEXTS[check] > 0
