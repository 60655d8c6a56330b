"""The EPUB 3 (`make epub`): EPUBCheck (Debian's epubcheck) finds no error and no warning; every
activity is readable static text (questions with their options, answers and explanations in a
section at the end of the page, reflections as prompts, the explorer as its tables); no script;
the content licence and attribution in the package metadata.

The unit tests of the static renderer (_static_activities.py) need no build.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from docutils import nodes

from paths import BUILD, ROOT
from selfhelp_course.activities.as_text import ANSWERS_TITLE, static_activity
from selfhelp_course.course.licence import licence_settings
from selfhelp_course.formats.release import IDENTIFIER, project_version

EPUB = BUILD / "epub" / f"{IDENTIFIER}-{project_version(ROOT)}.epub"
# Debian's epubcheck package: an executable jar (/usr/bin/epubcheck links to it), run with java.
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def text_of(node_list) -> str:
    return " ".join(node.astext() for node in node_list)


CHECK = {
    "_anywidget_id": "selfhelp_course.activities.widgets.KnowledgeCheck",
    "checks": [
        {
            "id": "q1",
            "kind": "multiple",
            "question": "Which are true?",
            "options": [
                {"text": "Alpha", "correct": True, "feedback": "Alpha is right."},
                {"text": "Beta", "correct": False, "feedback": "Beta is wrong."},
                {"text": "Gamma", "correct": True, "feedback": "Gamma too."},
            ],
        }
    ],
}


def test_a_check_shows_its_question_and_options_and_keeps_the_answers_for_the_end():
    shown, answers = static_activity(CHECK, Counter())
    text = text_of(shown)
    assert "Which are true?" in text and "choose all that apply" in text
    assert all(option in text for option in ("Alpha", "Beta", "Gamma"))
    assert "right" not in text and "is wrong" not in text, "no answer in the question"
    key = text_of(answers)
    assert "the right answers are a, c" in key
    assert "Beta is wrong." in key and "Gamma too." in key


def test_questions_are_numbered_across_the_page():
    numbers = Counter()
    static_activity(CHECK, numbers)
    shown, answers = static_activity(CHECK, numbers)
    assert "Question 2" in text_of(shown) and "Question 2" in text_of(answers)


def test_a_reflection_is_its_prompt_and_its_frameworks_parts():
    state = {
        "_anywidget_id": "selfhelp_course.activities.widgets.Reflection",
        "reflection": {"title": "T", "prompt": "Think of a group.", "framework": "f"},
        "frameworks": [
            {
                "id": "f",
                "name": "Frame",
                "source": "Someone (2000)",
                "parts": [{"heading": "What?", "prompt": "Say what."}],
            }
        ],
    }
    shown, answers = static_activity(state, Counter())
    text = text_of(shown)
    assert "Think of a group." in text and "Frame" in text and "What?" in text and "Say what." in text
    assert answers == []


def test_the_explorer_is_its_tables_of_people_per_band():
    rows = [
        {"time": "before", "q_band": "low"},
        {"time": "before", "q_band": "high"},
        {"time": "after", "q_band": "high"},
        {"time": "after", "q_band": "high"},
    ]
    state = {
        "_anywidget_id": "selfhelp_course.activities.widgets.WellbeingExplorer",
        "rows": rows,
        "questions": [
            {"key": "q", "label": "Q", "bands": ["low", "high"], "higher_is_better": True, "summary": "S"}
        ],
        "text": {"title": "Explore", "introduction": "Made up.", "caveats": ["Small."]},
    }
    shown, _ = static_activity(state, Counter())
    table = next(shown[0].findall(nodes.table))
    cells = [[entry.astext() for entry in row.findall(nodes.entry)] for row in table.findall(nodes.row)]
    assert cells == [["Band", "People, before", "People, after"], ["low", "1", "0"], ["high", "1", "2"]]
    assert "Small." in text_of(shown)


def test_a_scenario_is_numbered_parts_with_their_choices_and_the_debriefs_at_the_end():
    state = {
        "_anywidget_id": "selfhelp_course.activities.widgets.Scenario",
        "scenario": {
            "title": "Room",
            "start": "s",
            "steps": [
                {
                    "id": "end",
                    "text": "It ends.",
                    "choices": None,
                    "ending": "supports",
                    "debrief": "Well done.",
                },
                {
                    "id": "s",
                    "text": "Begin.",
                    "ending": None,
                    "debrief": None,
                    "choices": [{"text": "Ask.", "consequence": "She agrees.", "next": "end"}],
                },
            ],
        },
    }
    shown, answers = static_activity(state, Counter())
    text = text_of(shown)
    assert text.index("Part 1") < text.index("Begin.") < text.index("Part 2") < text.index("It ends.")
    assert "Ask. She agrees. Go to part 2." in text
    assert "Well done." not in text and "Well done." in text_of(answers)


def test_an_unknown_widget_says_it_needs_the_website():
    shown, answers = static_activity({"_anywidget_id": "x.Unknown"}, Counter())
    assert "only works on the course's website" in text_of(shown) and answers == []


# ---------------------------------------------------------------- the built EPUB
@pytest.fixture(scope="module")
def epub():
    if not EPUB.is_file():
        pytest.fail(f"{EPUB} is missing: run `make epub`")
    with zipfile.ZipFile(EPUB) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_epubcheck_finds_no_error_and_no_warning(tmp_path):
    if not EPUBCHECK.is_file():
        pytest.fail("epubcheck is missing: `make test` installs Debian's epubcheck")
    report = tmp_path / "report.json"
    done = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(EPUB), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    found = [
        f"{m['severity']} {m['ID']}: {m['message']} ({', '.join(place.get('path', '') for place in m['locations'][:3])})"
        for m in messages
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert not found, "\n".join(found)
    assert done.returncode == 0, done.stdout + done.stderr


def pages(epub) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in epub.items() if name.endswith(".xhtml")}


def test_no_page_has_a_script(epub):
    scripted = [name for name, text in pages(epub).items() if "<script" in text]
    assert not scripted


def book_text(epub) -> str:
    """Every page's text, tags out and entities decoded, white space collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", " ".join(pages(epub).values()))).split())


def one_line(text) -> str:
    return " ".join(str(text).split())


def test_every_knowledge_check_question_and_option_is_in_the_book_and_answered_at_the_end(epub):
    text = book_text(epub)
    for path in sorted((ROOT / "data" / "activities" / "checks").glob("*.yml")):
        for check in yaml.safe_load(path.read_text(encoding="utf-8"))["checks"]:
            assert one_line(check["question"]) in text, check["id"]
            for option in check["options"]:
                assert one_line(option["text"]) in text, (check["id"], option["text"])
                assert one_line(option["feedback"]) in text, (check["id"], option["feedback"])
    book = pages(epub)
    with_checks = [name for name, page in book.items() if "course-static-check" in page]
    assert with_checks and all(ANSWERS_TITLE in book[name] for name in with_checks)


def test_every_reflection_prompt_is_in_the_book(epub):
    text = book_text(epub)
    for path in sorted((ROOT / "data" / "activities" / "reflections").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["reflections"]:
            assert one_line(item["prompt"]) in text, item["id"]


def test_no_widget_is_left_unrendered(epub):
    for name, text in pages(epub).items():
        assert "widget-view+json" not in text and "widget-state+json" not in text, name
        assert "only works on the course" not in text, name


def test_the_package_carries_the_content_licence_and_attribution(epub):
    opf = next(data.decode("utf-8") for name, data in epub.items() if name.endswith(".opf"))
    rights = re.search(r"<dc:rights>(.*?)</dc:rights>", opf, re.S)
    settings = licence_settings(ROOT)
    assert rights and settings["content"] in rights.group(1)
    assert settings["attribution"] in unescape(rights.group(1))
    assert "<dc:language>en-GB</dc:language>" in opf
    assert project_version(ROOT) in opf


def test_the_explorer_charts_are_svg_with_the_counts_in_their_alt_text():
    from xml.etree import ElementTree

    from selfhelp_course.activities.as_text import explorer_charts

    rows = [
        {"time": "before", "q_band": "low"},
        {"time": "after", "q_band": "high"},
        {"time": "after", "q_band": "high"},
    ]
    state = {"rows": rows, "questions": [{"key": "q", "label": "Q <1>", "bands": ["low", "high"]}]}
    [(stem, svg, alt)] = explorer_charts(state)
    assert stem == "explorer-q"
    root = ElementTree.fromstring(svg)  # well-formed, with the label escaped
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert alt == "Bar chart, Q <1>: people in each band, low: 1 before, 0 after; high: 0 before, 2 after."


def test_the_explorer_is_its_tables_and_charts_in_the_book(epub):
    book = pages(epub)
    [page] = [name for name, text in book.items() if "people in each band" in text]
    tables = re.findall(r"<caption>.*?people in each band", book[page], re.S)
    assert len(tables) == 4  # the four ONS4 questions
    charts = [name.rsplit("/", 1)[-1] for name in epub if re.search(r"_images/explorer-[\w-]+\.svg$", name)]
    assert len(charts) == 4 and all(f"_images/{chart}" in book[page] for chart in charts)


def test_a_scenario_reads_as_numbered_parts_with_its_debriefs_at_the_end(epub):
    book = pages(epub)
    scenario_pages = [name for name, text in book.items() if "course-static-scenario" in text]
    assert len(scenario_pages) == 2  # book/commissioners, book/practitioner-role
    for page in scenario_pages:
        text = unescape(re.sub(r"<[^>]+>", " ", book[page]))
        assert "Part 1" in text and "Go to part" in text
        # The answers' heading is the last mention of it (the scenario's introduction names it).
        assert text.index("Go to part") < text.rindex(ANSWERS_TITLE) < text.rindex("an ending")


def test_ids_are_made_unique_in_a_page():
    from selfhelp_course.formats.epub import unique_ids

    page = '<p id="a">x</p><div id="exercise-content"></div><div id="exercise-content"></div><b id="a">'
    assert unique_ids(page) == (
        '<p id="a">x</p><div id="exercise-content"></div><div id="exercise-content-2"></div><b id="a-2">'
    )
