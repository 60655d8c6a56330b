"""How much a learner reads on a page, so a page's stated minutes can be held to it (pure).

A page's stated time (``teaching_minutes`` + ``activity_minutes`` in its front matter) must
cover reading everything a learner sees, at WORDS_PER_MINUTE, plus the time its activities are
given (``activity_minutes``). What a learner reads: the page's prose (not its code, not the
trainer-only notes, not directive options) and each activity's own text (a check's question and
options, a sorting exercise's items, a scenario's steps and choices, a reflection's prompts).
Feedback is read while answering, inside the activity's time, so it is not counted again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..activities.banks import BANKS
from .facts import KIND_BY_BANK
from .pages import read_page
from .structure import page_path, page_time

WORDS_PER_MINUTE = 200
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
TRAINER_ONLY = re.compile(r"^(`{3,}|:{3,})\{only\} trainer\n.*?^\1\s*$", re.M | re.S)
CODE_CELL = re.compile(r"^(`{3,})\{code-cell\}.*?^\1\s*$", re.M | re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
DIRECTIVE_OPTION = re.compile(r"^:[a-z-]+:.*$", re.M)
FENCE_LINE = re.compile(r"^(`{3,}|:{3,}).*$", re.M)
# A role's target is not read as written: {cite:p}`visram2012` shows as "(Visram et al., 2012)".
ROLE = re.compile(r"\{[a-z:]+\}`([^`]*)`")
LABEL = re.compile(r"^\([A-Za-z0-9_-]+\)=\s*$", re.M)


@dataclass(frozen=True)
class Reading:
    docname: str
    prose_words: int
    activity_words: int
    activity_minutes: int
    stated_minutes: int

    @property
    def words(self) -> int:
        return self.prose_words + self.activity_words

    @property
    def needed_minutes(self) -> int:
        """Reading at WORDS_PER_MINUTE, whole minutes up, plus the activities' own time."""
        return math.ceil(self.words / WORDS_PER_MINUTE) + self.activity_minutes


def prose_words(text: str) -> int:
    """Words a learner reads in a MyST page's source."""
    text = FRONT_MATTER.sub("", text)
    text = TRAINER_ONLY.sub("", text)
    text = CODE_CELL.sub("", text)
    text = DIRECTIVE_OPTION.sub("", text)
    text = FENCE_LINE.sub("", text)
    text = LABEL.sub("", text)
    text = ROLE.sub(lambda match: "" if "cite" in match.group(0)[:8] else match.group(1), text)
    return len(WORD.findall(text))


def _item_text(kind: str, item: dict) -> list[str]:
    """The text of one bank item that a learner reads before answering."""
    if kind == "check":
        return [item["question"], *(option["text"] for option in item["options"])]
    if kind == "sorting":
        return [item["instructions"], *(entry["text"] for entry in item["items"])]
    if kind == "scenario":
        texts = []
        for step in item["steps"]:
            texts += [step["text"], *(choice["text"] for choice in step.get("choices") or [])]
        return texts
    if kind == "reflection":
        return [item["prompt"]]
    return []


def activity_texts(root: Path) -> dict[tuple[str, str], int]:
    """Words to read in every banked activity, by (kind, id)."""
    counts = {}
    for bank in BANKS:
        kind = KIND_BY_BANK[bank.kind].kind
        for item_id, item in bank.load(bank.paths(root)).items():
            counts[(kind, item_id)] = sum(len(WORD.findall(text or "")) for text in _item_text(kind, item))
    return counts


def page_reading(root: Path, docname: str, texts: dict[tuple[str, str], int] | None = None) -> Reading | None:
    """What a learner reads on a timed page; None for pages without minutes."""
    time = page_time(root, docname)
    if time is None or time.total_minutes == 0:
        return None
    texts = texts if texts is not None else activity_texts(root)
    page = read_page(root, docname)
    words = sum(texts.get((activity["kind"], activity["id"]), 0) for activity in page.activities)
    return Reading(
        docname,
        prose_words(page_path(root, docname).read_text(encoding="utf-8")),
        words,
        time.activity_minutes,
        time.total_minutes,
    )
