"""Every activity as readable static text, for builds that run no script (the EPUB).

On the website each activity is a widget the site's widget host draws from the widget's saved
state. An e-book reader runs no script, so for the ``epub`` builder the Sphinx extension swaps
each widget's output for docutils nodes made here from the same state: a knowledge check's
questions with their options, a sorting exercise's items and kinds, a scenario's steps and
choices, a reflection's prompt with its framework's parts, the well-being explorer's tables.
What would give the game away (right answers, feedback, explanations, the scenarios' debriefs)
goes into an "Answers and explanations" section at the end of the page instead.

``static_activity(kind, state, number)`` -> ``(nodes in place, nodes for the answers section)``
is pure: it reads only the state it is given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from string import ascii_lowercase

from docutils import nodes

ANSWERS_TITLE = "Answers and explanations"


def _para(text: str = "", *children, classes=()) -> nodes.paragraph:
    node = nodes.paragraph("", "", classes=list(classes))
    if text:
        node += nodes.Text(text)
    for child in children:
        node += child
    return node


def _strong(text: str) -> nodes.strong:
    return nodes.strong(text=text)


def _items(texts, enumtype: str | None = None) -> nodes.Element:
    listing: nodes.Element = (
        nodes.enumerated_list(enumtype=enumtype, prefix="", suffix=".")
        if enumtype
        else nodes.bullet_list(bullet="-")
    )
    for text in texts:
        item = nodes.list_item()
        item += text if isinstance(text, nodes.Node) else _para(str(text))
        listing += item
    return listing


def _paragraphs(text: str) -> list[nodes.Node]:
    """Text with blank lines between paragraphs (as in the banks' YAML) as paragraphs."""
    return [_para(" ".join(block.split())) for block in str(text or "").split("\n\n") if block.strip()]


def _box(title: str, body: Sequence[nodes.Node], kind: str) -> nodes.container:
    box = nodes.container(classes=["course-static-activity", f"course-static-{kind}"])
    box += _para("", _strong(title), classes=["course-static-title"])
    box.extend(body)
    return box


def _letter(index: int) -> str:
    return ascii_lowercase[index] if index < len(ascii_lowercase) else str(index + 1)


def knowledge_check(state: dict, number: int) -> tuple[list, list]:
    body: list[nodes.Node] = []
    answers: list[nodes.Node] = []
    for position, check in enumerate(state.get("checks") or [], start=1):
        label = f"Question {number}.{position}" if len(state["checks"]) > 1 else f"Question {number}"
        how = "choose all that apply" if check.get("kind") == "multiple" else "choose one"
        body.append(
            _para(
                "",
                _strong(f"{label} "),
                nodes.Text(f"({how}). {' '.join(str(check.get('question', '')).split())}"),
            )
        )
        body.append(_items([option["text"] for option in check.get("options", [])], "loweralpha"))
        right = [_letter(i) for i, option in enumerate(check.get("options", [])) if option.get("correct")]
        answers.append(
            _para(
                "",
                _strong(f"{label}: "),
                nodes.Text(
                    f"{'the right answers are' if len(right) > 1 else 'the right answer is'} {', '.join(right)}."
                ),
            )
        )
        answers.append(
            _items(
                [
                    f"{_letter(i)}. {option.get('feedback', '')}"
                    for i, option in enumerate(check.get("options", []))
                ]
            )
        )
    return [_box("Knowledge check", body, "check")], answers


def sorting(state: dict, number: int) -> tuple[list, list]:
    exercise = state.get("exercise") or {}
    kinds = {c["id"]: c["label"] for c in exercise.get("categories", [])}
    body = [
        *_paragraphs(exercise.get("instructions", "")),
        _para("The kinds to choose from:"),
        _items(list(kinds.values())),
        _para("Descriptions to sort:"),
        _items([" ".join(item["text"].split()) for item in exercise.get("items", [])], "arabic"),
    ]
    answers: list[nodes.Node] = [_para("", _strong(f"Sorting exercise {number}:"))]
    answers.append(
        _items(
            [
                f"{i}. {kinds.get(item.get('answer'), item.get('answer'))}. "
                f"{' '.join(str(item.get('explanation', '')).split())}"
                for i, item in enumerate(exercise.get("items", []), start=1)
            ]
        )
    )
    return [_box(f"Sorting exercise {number}", body, "sorting")], answers


def scenario(state: dict, number: int) -> tuple[list, list]:
    story = state.get("scenario") or {}
    steps = story.get("steps", [])
    order = [story.get("start")] + [s["id"] for s in steps if s["id"] != story.get("start")]
    numbered = {step_id: index for index, step_id in enumerate(order, start=1)}
    by_id = {s["id"]: s for s in steps}
    body: list[nodes.Node] = [
        _para(
            "Read each part, choose what you would do, and go on to the part your choice "
            "names. The endings are discussed under “Answers and explanations” at the end "
            "of the page."
        )
    ]
    answers: list[nodes.Node] = [_para("", _strong(f"Scenario {number}: {story.get('title', '')}"))]
    for step_id in order:
        step = by_id.get(step_id)
        if step is None:
            continue
        body.append(_para("", _strong(f"Part {numbered[step_id]}")))
        body.extend(_paragraphs(step.get("text", "")))
        if step.get("choices"):
            body.append(
                _items(
                    [
                        f"{' '.join(c['text'].split())} {' '.join(str(c.get('consequence', '')).split())} "
                        f"Go to part {numbered.get(c.get('next'), '?')}."
                        for c in step["choices"]
                    ],
                    "loweralpha",
                )
            )
        else:
            body.append(
                _para(f"This is an ending. Its discussion is in the answers, under part {numbered[step_id]}.")
            )
            answers.append(_para("", _strong(f"Part {numbered[step_id]} ({_stance(step.get('ending'))}): ")))
            answers.extend(_paragraphs(step.get("debrief", "")))
    return [_box(f"Scenario {number}: {story.get('title', '')}", body, "scenario")], answers


def _stance(ending) -> str:
    return {
        "supports": "an ending that supports the group",
        "takes-over": "an ending where the professional takes over",
        "mixed": "a mixed ending",
    }.get(str(ending), str(ending))


def reflection(state: dict, number: int) -> tuple[list, list]:
    item = state.get("reflection") or {}
    frameworks = {f["id"]: f for f in state.get("frameworks") or []}
    framework = frameworks.get(item.get("framework"))
    body = _paragraphs(item.get("prompt", ""))
    if framework:
        body.append(
            _para(
                "",
                _strong("A framework to write with: "),
                nodes.Text(f"{framework['name']} ({framework.get('source', '')})."),
            )
        )
        body.append(
            _items(
                [
                    _para("", _strong(f"{part['heading']}. "), nodes.Text(" ".join(part["prompt"].split())))
                    for part in framework.get("parts", [])
                ]
            )
        )
    body.append(
        _para(
            "Write your reflection in your own notebook or CPD record. On the course's "
            "website the reflection box keeps what you write on your device."
        )
    )
    return [_box(f"Reflection: {item.get('title', '')}", body, "reflection")], []


def explorer(state: dict, number: int) -> tuple[list, list]:
    text = state.get("text") or {}
    rows = state.get("rows") or []
    body = [
        *_paragraphs(
            text.get("introduction", "").replace(
                "Choose a question and a view; the chart and the table change in your browser.",
                "The tables below give, for each question, how many people answered in each band "
                "before and after.",
            )
        ),
        _para("Read these numbers with care:"),
        _items(text.get("caveats", [])),
    ]
    times = [t for t in dict.fromkeys(row.get("time") for row in rows) if t]
    for question in state.get("questions") or []:
        key = question["key"]
        counts = Counter((row.get("time"), row.get(f"{key}_band")) for row in rows)
        direction = "higher is better" if question.get("higher_is_better") else "lower is better"
        body.append(
            _para(
                "", _strong(question["label"]), nodes.Text(f" ({direction}). {question.get('summary', '')}")
            )
        )
        body.append(
            _table(
                ["Band", *[f"People, {t}" for t in times]],
                [[band, *[counts[(t, band)] for t in times]] for band in question["bands"]],
                f"{question['label']}: people in each band",
                f"explorer-{number}-{nodes.make_id(key)}",
            )
        )
    return [_box(text.get("title", "Well-being explorer"), body, "explorer")], []


def explorer_charts(state: dict) -> list[tuple[str, str, str]]:
    """The explorer's charts as SVG files (pure): for each question, people in each band before
    and after, side by side. Returns [(file stem, SVG text, alt text)]."""
    rows = state.get("rows") or []
    times = [t for t in dict.fromkeys(row.get("time") for row in rows) if t][:2]
    charts = []
    for question in state.get("questions") or []:
        key, bands = question["key"], question["bands"]
        counts = Counter((row.get("time"), row.get(f"{key}_band")) for row in rows)
        charts.append(
            (
                f"explorer-{nodes.make_id(key)}",
                _bar_svg(question["label"], bands, times, counts),
                f"Bar chart, {question['label']}: people in each band, "
                + "; ".join(
                    f"{band}: " + ", ".join(f"{counts[(t, band)]} {t}" for t in times) for band in bands
                )
                + ".",
            )
        )
    return charts


def _bar_svg(label: str, bands: list, times: list, counts: Counter) -> str:
    from html import escape

    width, height, left, bottom, top = 520, 260, 40, 50, 30
    most = max([counts[(t, b)] for t in times for b in bands] + [1])
    slot = (width - left - 10) / max(len(bands), 1)
    bar = slot / (len(times) + 1)
    fills = ["#2b5d8a", "#b35c00"]  # before, after; also told apart by the legend and the text
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(label)}: people in each band</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="18" font-weight="bold">{escape(label)}: people in each band</text>',
    ]
    base = height - bottom
    for step in range(most + 1):
        y = base - (base - top) * step / most
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#dddddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{step}</text>')
    for i, band in enumerate(bands):
        x0 = left + i * slot + bar / 2
        for j, time in enumerate(times):
            value = counts[(time, band)]
            h = (base - top) * value / most
            x = x0 + j * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar * 0.9:.1f}" height="{h:.1f}" '
                f'fill="{fills[j % 2]}"/>'
            )
            parts.append(
                f'<text x="{x + bar * 0.45:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{value}</text>'
            )
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{base + 16}" text-anchor="middle">{escape(band)}</text>'
        )
    for j, time in enumerate(times):
        x = left + j * 110
        parts.append(f'<rect x="{x}" y="{height - 18}" width="12" height="12" fill="{fills[j % 2]}"/>')
        parts.append(f'<text x="{x + 18}" y="{height - 8}">{escape(time)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _table(header: list, rows: list[list], title: str, ident: str) -> nodes.table:
    table = nodes.table(classes=["course-static-table"], ids=[ident])
    table += nodes.title(text=title)
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=10)
    head = nodes.thead()
    head += _row(header)
    group += head
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += body
    return table


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += _para(str(cell))
        row += entry
    return row


def record_page(kind: str) -> tuple[list, list]:
    what = "your progress through the course" if kind == "progress" else "your CPD portfolio"
    return [
        _box(
            "On the website",
            [
                _para(
                    f"On the course's website this page shows {what}, built in your browser from what you "
                    "did in the activities. An e-book cannot keep that record: use the website, or keep your "
                    "own notes."
                )
            ],
            kind,
        )
    ], []


def assessment(state: dict, number: int) -> tuple[list, list]:
    """The end-of-course assessment is taken on the website or in an LMS, never printed: an
    e-book with its questions and answers would give the key to anyone who opened it."""
    return [
        _box(
            "On the website",
            [
                _para(
                    "On the course's website, or in your organisation's learning management system, this page "
                    "holds the end-of-course assessment: questions drawn afresh for each attempt, marked when "
                    "you submit them. This e-book leaves its questions out, so that a pass recorded there "
                    "still means something."
                )
            ],
            "assessment",
        )
    ], []


def evaluation(state: dict, number: int) -> tuple[list, list]:
    """The course evaluation's ratings are kept in a browser, so an e-book only says where."""
    return [
        _box(
            "On the website",
            [
                _para(
                    "On the course's website, or in your organisation's learning management system, this is "
                    "where you can rate your confidence in each of the course's learning outcomes and, at the "
                    "end, say what you thought of the course. It is optional, and what you choose stays on "
                    "your device unless you decide to share it."
                )
            ],
            "evaluation",
        )
    ], []


RENDERERS = {
    "KnowledgeCheck": knowledge_check,
    "SortingExercise": sorting,
    "Scenario": scenario,
    "Reflection": reflection,
    "WellbeingExplorer": explorer,
    "Assessment": assessment,
    "Evaluation": evaluation,
}
COUNTED = {"KnowledgeCheck": "check", "SortingExercise": "sorting", "Scenario": "scenario"}


def widget_kind(state: dict) -> str:
    """The widget's class name, from anywidget's id ("selfhelp_course.activities.widgets.Reflection")."""
    return str(state.get("_anywidget_id", "")).rsplit(".", 1)[-1]


def static_activity(state: dict, numbers: Counter) -> tuple[list, list]:
    """The nodes to show in place of one widget, and those for the answers section. ``numbers``
    counts the activities of each kind on the page so far (updated here)."""
    kind = widget_kind(state)
    if kind in ("ProgressOverview", "Portfolio"):
        return record_page("progress" if kind == "ProgressOverview" else "portfolio")
    renderer = RENDERERS.get(kind)
    if renderer is None:
        return [_para("(An interactive activity that only works on the course's website.)")], []
    numbers[COUNTED.get(kind, kind)] += 1
    return renderer(state, numbers[COUNTED.get(kind, kind)])
