"""Session plans for a trainer, worked out from the course manifest (pure functions).

A plan takes the pages in course order and keeps each one that still fits in the time left,
after an introduction, a close and any breaks. Every row carries the page's minutes (from its
front matter), its learning objectives (the ``objectives`` admonition's bullet list), its
discussion questions (a case study's "Discussion questions for a group session" list) and its
activities (from the manifest). Pages that do not fit are named for self-study.

The ``{session-plan}`` directive (sphinx_ext.py) renders a plan with :func:`plan_markdown`, so
changing a page's minutes in its front matter changes the plans on the next build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .facts import KIND_BY_NAME
from .pages import parse_text, read_page
from .structure import page_minutes

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from .shapes import Manifest, ManifestActivity, ManifestPage

QUESTIONS_ROW = "Questions and open discussion"


@dataclass(frozen=True)
class Break:
    label: str
    minutes: int


@dataclass(frozen=True)
class Row:
    start: int  # minutes from the start of the session
    kind: str  # "intro", "page", "break", "questions" or "close"
    title: str
    minutes: int
    docname: str = ""
    teaching_minutes: int = 0
    activity_minutes: int = 0
    objectives: tuple[str, ...] = ()
    discussion_questions: tuple[str, ...] = ()
    activities: tuple[ManifestActivity, ...] = ()


@dataclass
class SessionPlan:
    length_minutes: int
    rows: list[Row] = field(default_factory=list)
    self_study: list[ManifestPage] = field(default_factory=list)  # manifest pages left out

    @property
    def used_minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def spare_minutes(self) -> int:
        return self.length_minutes - self.used_minutes

    @property
    def pages(self) -> list[Row]:
        return [row for row in self.rows if row.kind == "page"]


def default_shape(length_minutes: int) -> tuple[int, int, list[Break]]:
    """Introduction, close and breaks that suit a session of this length.

    Up to two hours: a short introduction and close, no break. Up to four hours (a half day of
    3.5 hours): one 20-minute break. Longer (a full day of 6 hours): a morning break, lunch and
    an afternoon break.
    """
    if length_minutes <= 120:
        return 10, 5, []
    if length_minutes <= 240:
        return 15, 10, [Break("Break", 20)]
    return 15, 15, [Break("Morning break", 15), Break("Lunch", 45), Break("Afternoon break", 15)]


def session_plan(
    manifest: Manifest,
    length_minutes: int,
    *,
    root: Path | None = None,
    intro_minutes: int | None = None,
    close_minutes: int | None = None,
    breaks: list[Break] | None = None,
    skip: tuple[str, ...] = (),
    pages: tuple[str, ...] | None = None,
    fill: bool = False,
) -> SessionPlan:
    """A plan for a live session of ``length_minutes``.

    ``manifest`` is course_manifest()'s dict (or one shaped like it). ``root`` is the course
    folder the page sources are read from, for objectives and discussion questions (pages may
    instead carry "objectives" and "discussion_questions" lists). ``skip`` names pages (docnames
    or folder prefixes such as "notebooks/") to leave for self-study whatever the time.

    ``pages`` (a route's pages, see _routes.py) teaches exactly those pages, in course order,
    and refuses a session they do not fit; without it each page that still fits is kept.
    ``fill`` gives the time left over a row of its own before the close, so the rows add up
    to the session's length.
    """
    intro, close, default_breaks = default_shape(length_minutes)
    intro = intro if intro_minutes is None else intro_minutes
    close = close if close_minutes is None else close_minutes
    breaks = default_breaks if breaks is None else breaks
    budget = length_minutes - intro - close - sum(b.minutes for b in breaks)
    if budget < 0:
        raise ValueError(
            f"a {length_minutes}-minute session has no time left after the introduction, close and breaks"
        )

    chosen: list[ManifestPage] = []
    self_study: list[ManifestPage] = []
    page: ManifestPage | None  # a page of the course here; None below for breaks after the last
    for page in manifest["pages"]:
        minutes = page_minutes(page)
        if minutes == 0:  # glossary, references: reference pages, not taught
            continue
        wanted = page["docname"] in pages if pages is not None else minutes <= budget
        if page["docname"].startswith(tuple(skip)) or not wanted:
            self_study.append(page)
            continue
        chosen.append(page)
        budget -= minutes
    if budget < 0:
        raise ValueError(
            f"the pages take {sum(map(page_minutes, chosen))} minutes; a "
            f"{length_minutes}-minute session leaves {budget + sum(map(page_minutes, chosen))} "
            f"after the introduction ({intro}), close ({close}) and breaks "
            f"({sum(b.minutes for b in breaks)})"
        )

    plan = SessionPlan(length_minutes, self_study=self_study)
    clock = 0

    def add(row_kind: str, title: str, minutes: int, **details) -> None:
        nonlocal clock
        plan.rows.append(Row(clock, row_kind, title, minutes, **details))
        clock += minutes

    add("intro", "Introduction: welcome, aims of the session and ground rules", intro)
    for page, pending in _with_breaks(chosen, breaks):
        for item in pending:
            add("break", item.label, item.minutes)
        if page is not None:
            objectives, questions = _details(page, root)
            add(
                "page",
                page["title"] or page["docname"],
                page_minutes(page),
                docname=page["docname"],
                teaching_minutes=page["teaching_minutes"],
                activity_minutes=page["activity_minutes"],
                objectives=tuple(objectives),
                discussion_questions=tuple(questions),
                activities=tuple(page.get("activities", ())),
            )
    if fill and budget:
        add("questions", QUESTIONS_ROW, budget)
    add("close", "Close: questions, a reflection for each person's CPD record and next steps", close)
    return plan


def _with_breaks(
    pages: list[ManifestPage], breaks: list[Break]
) -> Iterator[tuple[ManifestPage | None, list[Break]]]:
    """(page, breaks to take before it) in order; breaks fall at the page boundaries nearest to
    equal shares of the teaching time. Breaks left over come after the last page."""
    total = sum(map(page_minutes, pages))
    targets = [total * (n + 1) / (len(breaks) + 1) for n in range(len(breaks))]
    boundaries, elapsed = [], 0  # minutes taught before page i
    for page in pages:
        boundaries.append(elapsed)
        elapsed += page_minutes(page)
    before: dict[int, list[Break]] = {}
    used: set[int] = set()
    for item, target in zip(breaks, targets, strict=True):
        options = [i for i in range(1, len(pages)) if i not in used and i > max(used, default=0)]
        if not options:
            before.setdefault(len(pages), []).append(item)
            continue
        index = min(options, key=lambda i: abs(boundaries[i] - target))
        used.add(index)
        before.setdefault(index, []).append(item)
    for index, page in enumerate(pages):
        yield page, before.get(index, [])
    if len(pages) in before:
        yield None, before[len(pages)]


def _details(page: Mapping[str, Any], root: Path | None) -> tuple[list[str], list[str]]:
    # A manifest page; session_plan's callers may add "objectives" and "discussion_questions".
    if "objectives" in page or "discussion_questions" in page:
        return list(page.get("objectives", [])), list(page.get("discussion_questions", []))
    if root is None:
        return [], []
    try:
        parsed = read_page(root, page["docname"])
    except FileNotFoundError:
        return [], []
    return _as_plan_items(parsed.objectives), list(parsed.discussion_questions)


def _as_plan_items(objectives) -> list[str]:
    # Objectives read as one sentence ("able to: - name ...; - explain ...."): each item loses
    # its joining punctuation to stand alone in a plan.
    return [re.sub(r"(;\s*and|;|\.)$", "", item).strip() for item in objectives]


def page_objectives(text: str) -> list[str]:
    """The items of a page's ``objectives`` admonition, as a plan shows them."""
    return _as_plan_items(parse_text(text).objectives)


def discussion_questions(text: str) -> list[str]:
    """The list under "## Discussion questions for a group session", if any."""
    return list(parse_text(text).discussion_questions)


def clock(minutes: int) -> str:
    """Offset from the start, as h:mm (0:00, 1:35)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_markdown(plan: SessionPlan) -> str:
    """The plan as MyST Markdown: a timetable, then each page's objectives, questions and
    activities, then the pages left for self-study. Titles link to their pages with {doc}.
    Objectives and questions are Markdown from the page sources (citations work); activity
    titles come from YAML and are escaped, so they show as plain text."""

    def link(docname: str, title: str) -> str:
        return f"{{doc}}`{re.sub(r'[`<>]', '', title)} </{docname}>`"

    lines = [
        "```{list-table}",
        ":header-rows: 1",
        ":class: session-plan",
        "",
        "* - Starts at",
        "  - Item",
        "  - Teaching (min)",
        "  - Activities (min)",
        "  - Total (min)",
    ]
    for row in plan.rows:
        title = link(row.docname, row.title) if row.kind == "page" else _escape(row.title)
        teaching, activity = (row.teaching_minutes, row.activity_minutes) if row.kind == "page" else ("", "")
        lines += [
            f"* - {clock(row.start)}",
            f"  - {title}",
            f"  - {teaching}",
            f"  - {activity}",
            f"  - {row.minutes}",
        ]
    lines += ["```", ""]
    spare = (
        f" {plan.spare_minutes} minutes are spare for questions and overrun." if plan.spare_minutes else ""
    )
    lines += [
        f"In all {plan.used_minutes} of {plan.length_minutes} minutes, ending at "
        f"{clock(plan.used_minutes)}.{spare}",
        "",
    ]

    for row in plan.pages:
        lines += [
            f"**{clock(row.start)} {link(row.docname, row.title)}** ({row.teaching_minutes} "
            f"minutes teaching, {row.activity_minutes} minutes activities)",
            "",
        ]
        if row.objectives:
            lines += ["Learning objectives: by the end, participants will be able to", ""]
            lines += [f"- {_escape(item)}" for item in row.objectives] + [""]
        if row.discussion_questions:
            lines += ["Discussion questions for the group:", ""]
            lines += [f"{n}. {item}" for n, item in enumerate(row.discussion_questions, 1)] + [""]
        if row.activities:
            lines += ["Activities on the page:", ""]
            lines += [
                f"- {KIND_BY_NAME[a['kind']].label if a['kind'] in KIND_BY_NAME else a['kind']}: "
                f"{_escape(a.get('title') or a['id'])}"
                for a in row.activities
            ] + [""]
    if plan.self_study:
        lines += ["Left for self-study before or after the session:", ""]
        lines += [
            f"- {link(p['docname'], p['title'] or p['docname'])} ({page_minutes(p)} minutes)"
            for p in plan.self_study
        ] + [""]
    else:
        lines += ["The whole course fits in this session.", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Text from YAML or titles shown as written: Markdown's punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)
