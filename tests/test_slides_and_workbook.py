"""The trainer's slide decks (`make slides`) and printable workbook (`make workbook`).

Unit tests of the pure parts, then the built outputs: each deck holds its session's pages and
renders reveal.js from file:// with no request outside its folder; the PDF has the case
studies and the reflection prompts and none of the site's widget text.
"""

from __future__ import annotations

import html
import re
import unicodedata

import pytest

from paths import BUILD, ROOT
from selfhelp_course.formats import make_slides, make_workbook

SLIDES = BUILD / "slides"
WORKBOOK = BUILD / "workbook" / "workbook.pdf"


PAGE = """\
(demo)=
# Demo page

```{admonition} Learning objectives
:class: objectives

By the end you will be able to:

- name one thing
  that wraps;
- name another.
```

## Discussion questions for a group session

1. First {cite:p}`visram2012` question?
2. Second, see {ref}`the role <practitioner-role>`.

```{admonition} Key points
:class: key-points

- One.
- Two.
- Three.
- Four.
```
"""
CITATIONS = {"visram2012": ("Visram et al.", "2012")}
# A speaker note's minutes.
NOTE_TIMING = re.compile(r"Timing: (\d+) minutes?\b")


def render(text):
    return make_slides.plain_text(text, CITATIONS)


# --- Pure functions --------------------------------------------------------------------------


def test_page_points_reads_objectives_key_points_and_questions():
    points = make_slides.page_points(PAGE)
    assert points["objectives"] == ["name one thing that wraps;", "name another."]
    assert points["key_points"] == ["One.", "Two.", "Three.", "Four."]
    assert len(points["discussion"]) == 2


def test_plain_text_formats_citations_and_roles():
    assert render("as {cite:t}`visram2012` say") == "as Visram et al. (2012) say"
    assert render("said {cite:p}`visram2012`.") == "said (Visram et al., 2012)."
    assert render("{term}`Peer support` and {ref}`the role <x>`") == "Peer support and the role"


def test_deck_notebook_has_slide_types_and_a_your_turn_per_activity():
    page = {
        "docname": "book/demo",
        "title": "Demo page",
        "teaching_minutes": 10,
        "activity_minutes": 5,
        "activities": [
            {"kind": "check", "id": "demo-a", "title": "A question?"},
            {"kind": "reflection", "id": "demo-r", "title": "Reflect"},
        ],
    }
    deck = {
        "title": "Test session",
        "minutes": 90,
        "self_study": [],
        "rows": [
            {"kind": "intro", "title": "Welcome", "minutes": 10},
            {"kind": "page", "docname": "book/demo"},
        ],
    }
    notebook = make_slides.deck_notebook(
        deck, {"book/demo": page}, {"book/demo": make_slides.page_points(PAGE)}, render
    )
    types = [cell.metadata["slideshow"]["slide_type"] for cell in notebook.cells]
    assert set(types) <= {"slide", "subslide", "notes"}
    sources = [cell.source for cell in notebook.cells]
    assert sources[0].startswith("# Supporting Self-Help Groups") and "Test session" in sources[0]
    assert sum(source.startswith("### Your turn") for source in sources) == 2
    assert any("## Demo page" in s and "name one thing that wraps" in s for s in sources)
    assert sum(source.startswith("### Key points") for source in sources) == 2  # 4 points, 3 a slide
    assert any("(Visram et al., 2012)" in source for source in sources)


def test_split_minutes_adds_up():
    assert make_slides.split_minutes(25, 4) == [7, 6, 6, 6]
    assert make_slides.split_minutes(2, 3) == [1, 1, 0]
    assert make_slides.split_minutes(5, 0) == []


def test_every_slide_of_a_deck_notebook_gets_notes_from_the_page_and_plan():
    page = {
        "docname": "book/demo",
        "title": "Demo page",
        "teaching_minutes": 10,
        "activity_minutes": 5,
        "activities": [
            {"kind": "check", "id": "demo-a", "title": "A question?"},
            {"kind": "reflection", "id": "demo-r", "title": "Reflect"},
        ],
    }
    other = {
        "docname": "book/other",
        "title": "Other page",
        "teaching_minutes": 20,
        "activity_minutes": 0,
        "activities": [],
    }
    deck = {
        "title": "Test session",
        "minutes": 40,
        "self_study": ["book/other"],
        "rows": [
            {"kind": "intro", "title": "Welcome", "minutes": 10},
            {"kind": "page", "docname": "book/demo"},
            {"kind": "break", "title": "Break", "minutes": 10},
            {"kind": "close", "title": "Close", "minutes": 5},
        ],
    }
    notebook = make_slides.deck_notebook(
        deck, {"book/demo": page, "book/other": other}, {"book/demo": make_slides.page_points(PAGE)}, render
    )
    cells = [(cell.metadata["slideshow"]["slide_type"], cell.source) for cell in notebook.cells]
    slides = [index for index, (kind, _source) in enumerate(cells) if kind != "notes"]
    for index in slides[1:]:
        kind, notes = cells[index + 1]
        assert kind == "notes", cells[index][1]
        assert NOTE_TIMING.search(notes) and "Ask:" in notes and "Listen for:" in notes
    notes = [source for kind, source in cells[slides[1] :] if kind == "notes"]
    assert sum(int(NOTE_TIMING.search(text).group(1)) for text in notes) == 40
    # Each slide's start, as the plan's timetable gives it: the intro at 0:00, the page at 0:10.
    assert notes[0].startswith("Timing: 10 minutes, from 0:00 (")
    assert notes[1].startswith("Timing: 3 minutes, from 0:10 (")
    assert any(text.startswith("Timing: 10 minutes, from 0:25 (") for text in notes)  # the break
    joined = "\n".join(notes)
    # The page's own words: a discussion question asked, key points listened for.
    assert "Ask:" in joined and "First (Visram et al., 2012) question?" in joined
    assert "Listen for:" in joined and "One." in joined
    assert "Ask:\n\n- A question?" in joined  # a check's question is asked as it stands
    assert "Other page" in cells[-2][1] and cells[-2][0] == "subslide"  # self-study in the close


def _note_parts(notes: str) -> tuple[int, list[str], list[str]]:
    """(minutes, what to ask, what to listen for) from one note of make_slides.notes_markdown."""

    def items(block: str) -> list[str]:
        block = block.strip()
        if block.startswith("- "):
            return [" ".join(item.split()) for item in re.split(r"^- ", block, flags=re.M) if item.strip()]
        return [" ".join(block.split())]

    minutes = int(NOTE_TIMING.search(notes).group(1))
    ask, listen = notes.split("\n\nAsk:", 1)[1].split("\n\nListen for:", 1)
    return minutes, items(ask), items(listen)


def test_page_notes_only_restate_the_page_and_the_plan():
    """On every taught page of the course (not only today's routes), each slide's notes ask the
    page's own discussion or check questions or one of the generic prompts, listen for the
    page's own key points (its objectives where it has none), and share out its minutes."""
    from selfhelp_course.course.manifest import course_manifest
    from selfhelp_course.course.structure import page_path

    citations = make_slides.citation_labels(ROOT / "references.bib")
    manifest = course_manifest(ROOT)
    titles = {page["docname"].split("/")[-1]: page["title"] for page in manifest["pages"]}

    def plain(text):
        return " ".join(make_slides.plain_text(text, citations, titles).split())

    taught = make_slides.teaching_pages(manifest)
    assert len(taught) >= 10
    for page in taught:
        points = make_slides.page_points(page_path(ROOT, page["docname"]).read_text(encoding="utf-8"))
        cells = make_slides.page_slides(
            page, points, lambda text: make_slides.plain_text(text, citations, titles)
        )
        anchors = {plain(item) for item in points["key_points"] or points["objectives"]}
        names = {plain(activity["title"]) for activity in page["activities"] if activity["title"]}
        allowed_asks = (
            {plain(item) for item in points["discussion"]}
            | names
            | {
                make_slides.ASK_OBJECTIVES,
                make_slides.ASK_KEY_POINTS,
                make_slides.ASK_CHECK,
                make_slides.ASK_REFLECTION,
                make_slides.ASK_NO_OBJECTIVES.format(title=page["title"]),
            }
            | {make_slides.ASK_ACTIVITY.format(name=name) for name in names}
        )
        notes = [source for kind, source in cells if kind == "notes"]
        assert len(notes) == sum(kind != "notes" for kind, _source in cells), page["docname"]
        total = 0
        for note in notes:
            minutes, ask, listen = _note_parts(note)
            total += minutes
            assert set(ask) <= allowed_asks, (page["docname"], set(ask) - allowed_asks)
            assert set(listen) <= anchors, (page["docname"], set(listen) - anchors)
        assert total == page["teaching_minutes"] + page["activity_minutes"], page["docname"]


def test_session_specs_read_the_plans_page():
    text = (
        "## A short one\n\n```{session-plan}\n:minutes: 90\n```\n\n"
        "  ````md\n  ```{session-plan}\n  :minutes: 120\n  ```\n  ````\n\n"
        "## A long one\n\n```{session-plan}\n:minutes: 360\n:skip: book/welcome notebooks/\n```\n"
    )
    assert make_slides.session_specs(text) == [
        {"title": "A short one", "minutes": 90, "skip": ()},
        {"title": "A long one", "minutes": 360, "skip": ("book/welcome", "notebooks/")},
    ]


def test_article_html_drops_widgets_answers_and_links():
    page = """<html><body><nav>Menu</nav><article class="bd-article"><section id="x">
      <h1>Title<a class="headerlink" href="#x">#</a></h1>
      <p>Text <a href="../book/references.html#id1">Visram et al. [2012]</a>.</p>
      <div class="exercise admonition"><p class="admonition-title"><span class="caption-number">
      Exercise 3 </span> (Pause and reflect)</p><section><p>Think.</p></section></div>
      <div class="solution dropdown admonition"><p>Model answer</p></div>
      <p>To write it down, use the box below. It is saved only in this browser.</p>
      <div class="cell tag_remove-input"><div class="cell_output"><script>{}</script>
      <p>Loading the activity</p></div></div></section></article></body></html>"""
    body = make_workbook.article_html(page)
    assert "Title" in body and "Visram et al. [2012]" in body and "Think." in body
    for gone in ("Menu", "Model answer", "Loading the activity", "<a ", "<script", "Exercise 3", "box below"):
        assert gone not in body
    assert body.count('class="line"') == make_workbook.EXERCISE_LINES
    assert "Reflections" in body


def test_reflection_section_escapes_and_rules_lines():
    frameworks = {
        "f": {
            "name": "F",
            "source": "S",
            "parts": [{"id": "a", "heading": "Part A", "prompt": "Do <b>a</b>"}],
        }
    }
    section = make_workbook.reflection_section(
        [{"title": "T <i>", "prompt": "P", "framework": "f"}], frameworks
    )
    assert "T &lt;i&gt;" in section and "Do &lt;b&gt;a&lt;/b&gt;" in section
    assert section.count('class="line"') == make_workbook.PART_LINES


# --- Built slide decks -----------------------------------------------------------------------


def _decks():
    from selfhelp_course.course.manifest import course_manifest

    manifest = course_manifest(ROOT)
    titles = {page["docname"]: page["title"] for page in manifest["pages"]}
    mode, decks = make_slides.deck_specs(manifest, ROOT)
    return mode, [
        (deck["slug"], [titles[row["docname"]] for row in deck["rows"] if row["kind"] == "page"])
        for deck in decks
    ]


MODE, DECKS = _decks()


def test_one_deck_per_session():
    assert MODE == "sessions"
    assert len(DECKS) == 3
    for slug, pages in DECKS:
        assert pages, f"{slug} has no pages"


@pytest.mark.parametrize("slug,titles", DECKS, ids=[slug for slug, _ in DECKS])
def test_deck_exists_with_its_pages(slug, titles):
    deck = SLIDES / f"{slug}.html"
    assert deck.is_file(), f"{deck} is missing: run `make slides`"
    text = html.unescape(deck.read_text(encoding="utf-8"))
    for title in titles:
        assert title in text, f"{slug} lacks {title!r}"
    # Nothing outside the deck's folder is named in it.
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text)
    assert (SLIDES / "notebooks" / f"{slug}.ipynb").is_file()


def _slides_with_notes(text: str) -> list[tuple[str, str | None]]:
    """(slide text, notes text or None) for each slide a deck shows, in order: every
    <section> with no <section> inside it, as reveal.js counts slides."""
    from html.parser import HTMLParser

    class Sections(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.slides = [], []

        def handle_starttag(self, tag, attrs):
            if tag == "section":
                if self.stack:
                    self.stack[-1]["leaf"] = False
                self.stack.append({"leaf": True, "text": [], "notes": None, "in_notes": 0})
            elif self.stack and tag == "aside" and "notes" in (dict(attrs).get("class") or "").split():
                self.stack[-1]["notes"] = self.stack[-1]["notes"] or []
                self.stack[-1]["in_notes"] += 1
            elif self.stack and tag == "aside" and self.stack[-1]["in_notes"]:
                self.stack[-1]["in_notes"] += 1

        def handle_endtag(self, tag):
            if tag == "section" and self.stack:
                section = self.stack.pop()
                if section["leaf"]:
                    notes = section["notes"]
                    self.slides.append(
                        (
                            " ".join("".join(section["text"]).split()),
                            None if notes is None else " ".join("".join(notes).split()),
                        )
                    )
            elif tag == "aside" and self.stack and self.stack[-1]["in_notes"]:
                self.stack[-1]["in_notes"] -= 1

        def handle_data(self, data):
            if self.stack:
                section = self.stack[-1]
                (section["notes"] if section["in_notes"] else section["text"]).append(data + " ")

    parser = Sections()
    parser.feed(text)
    return parser.slides


def test_slides_with_notes_reads_nested_sections():
    text = (
        "<section><section><h1>T</h1><aside class='notes'><p>Hi</p></aside></section>"
        "<section><h2>K</h2></section></section><section><p>B</p>"
        "<aside class='notes'><p>Timing: 5 minutes</p></aside></section>"
    )
    assert _slides_with_notes(text) == [("T", "Hi"), ("K", None), ("B", "Timing: 5 minutes")]


@pytest.mark.parametrize("slug", [slug for slug, _ in DECKS])
def test_every_slide_but_the_title_has_notes_to_speak_from(slug):
    """Each slide after the deck's title slide has speaker notes in reveal.js's markup with
    its minutes, a question to ask the room and what to listen for; the minutes come to the
    session plan's length."""
    from selfhelp_course.course.manifest import course_manifest

    deck = SLIDES / f"{slug}.html"
    assert deck.is_file(), f"{deck} is missing: run `make slides`"
    slides = _slides_with_notes(deck.read_text(encoding="utf-8"))
    _mode, specs = make_slides.deck_specs(course_manifest(ROOT), ROOT)
    minutes = {spec["slug"]: spec["minutes"] for spec in specs}[slug]
    assert slides[0][0].startswith("Supporting Self-Help Groups")
    missing = [
        text[:60]
        for text, notes in slides[1:]
        if not notes or not NOTE_TIMING.search(notes) or "Ask:" not in notes or "Listen for:" not in notes
    ]
    assert not missing, (
        f"{slug}: {len(missing)} of {len(slides) - 1} slides lack notes with "
        f"Timing, Ask and Listen for, e.g. {missing[:3]}"
    )
    for _text, notes in slides[1:]:
        ask = notes.split("Ask:", 1)[1].split("Listen for:", 1)[0].strip()
        listen = notes.split("Listen for:", 1)[1].strip()
        assert len(ask) > 10 and len(listen) > 10, notes
    total = sum(int(NOTE_TIMING.search(notes).group(1)) for _text, notes in slides[1:])
    assert total == minutes, f"{slug}: the notes' minutes come to {total}, the plan to {minutes}"
    # Each slide starts where the one before ends, as the plan's timetable counts (h:mm).
    elapsed = 0
    for _text, notes in slides[1:]:
        assert f"from {elapsed // 60}:{elapsed % 60:02d}" in notes, (elapsed, notes[:80])
        elapsed += int(NOTE_TIMING.search(notes).group(1))


# --- Built workbook --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook_text():
    from pypdf import PdfReader

    assert WORKBOOK.is_file(), f"{WORKBOOK} is missing: run `make workbook`"
    reader = PdfReader(str(WORKBOOK))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_workbook_has_a_sensible_length(workbook_text):
    pages, _text = workbook_text
    assert 20 <= pages <= 120


def test_workbook_has_cover_case_studies_and_prompts(workbook_text):
    from selfhelp_course.activities.banks import FRAMEWORKS, FRAMEWORKS_FILE, REFLECTIONS, load_config
    from selfhelp_course.course.manifest import course_manifest

    _pages, text = workbook_text
    assert "for use in a CPD session" in text
    assert "fictional composites" in text
    for page in course_manifest(ROOT)["pages"]:
        if page["docname"].startswith("case_studies/"):
            assert page["title"] in text
    bank = REFLECTIONS.load(REFLECTIONS.paths(ROOT))
    for item in bank.values():
        assert " ".join(item["title"].split()) in text
        assert " ".join(item["prompt"].split())[:60] in text
    framework = load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"][0]
    assert " ".join(framework["parts"][0]["prompt"].split()) in text


def test_workbook_has_no_widget_or_screen_text(workbook_text):
    _pages, text = workbook_text
    for bad in (
        "activity could not start",
        "could not be read",
        "Error",
        "Traceback",
        "box below",
        "model_id",
        "saved only in this browser",
        "widget-view",
    ):
        assert bad not in text, bad
