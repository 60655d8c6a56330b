"""The standing box of crisis numbers: on every page that deals with distress, risk or low
well-being, from one source.

A page declares that it deals with distress, risk or low well-being in its front matter
(``course: distress: true``) and
shows the box with ``{distress-support}``; the wording lives once, in sphinx_ext.distress_support, and every route in data/nations.yml.
The source test below decides which pages deal with distress; the build refuses a page that
declares it without showing the box, or shows the box without declaring it.
"""

from __future__ import annotations

import re

import pytest

from paths import REFERENCE_PAGES, ROOT, SCRATCH_PAGE
from selfhelp_course.course.structure import front_matter, page_path, toc_docnames
from selfhelp_course.site.sphinx_ext import distress_support

# Words that mean a page deals with distress: crisis, suicide and self-harm, death and grief,
# abuse, or a person in acute distress.
DISTRESS_WORDS = re.compile(
    r"\b(suicid\w*|self-harm\w*|end (?:his|her|their|my) life|kill(?:ing)? (?:himself|herself|"
    r"themselves|yourself)|crisis|crises|distress\w*|grief|grieving|died|death|abuse\w*|crying|"
    r"in danger|at risk of (?:serious )?harm)\b",
    re.I,
)
# Words that mean a page discusses low well-being (issue 20: the well-being page did not show
# the box): low mood or low well-being, hopelessness, depression as a state a person is in.
LOW_WELLBEING_WORDS = re.compile(
    r"\b(low mood|low (?:mental )?well-?being|poor mental health|hopeless\w*|depressed)\b", re.I
)
LESSONS = [
    name for name in toc_docnames(ROOT) if name not in REFERENCE_PAGES and not name.startswith("trainer/")
]
BOX = re.compile(r"^```\{distress-support\}\s*\n```", re.M)


def declares_distress(name: str) -> bool:
    course = front_matter(page_path(ROOT, name)).get("course") or {}
    return course.get("distress") is True


def prose(name: str) -> str:
    text = page_path(ROOT, name).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)


@pytest.mark.parametrize("name", LESSONS)
def test_a_page_that_deals_with_distress_declares_it_and_shows_the_box_once(name):
    text = prose(name)
    words = sorted(
        {word.lower() for pattern in (DISTRESS_WORDS, LOW_WELLBEING_WORDS) for word in pattern.findall(text)}
    )
    if words:
        assert declares_distress(name), f"{name} mentions {words}: add `distress: true` under `course:`"
    boxes = len(BOX.findall(prose(name)))
    assert boxes == (1 if declares_distress(name) else 0), f"{name} has {boxes} distress-support boxes"


def test_the_safety_page_and_the_crisis_story_deal_with_distress():
    """The rule can fail: these pages must be caught by it."""
    for name in ("book/safety", "case_studies/mental-health-peer-group"):
        assert DISTRESS_WORDS.search(prose(name)) and declares_distress(name)


def test_the_wellbeing_page_deals_with_low_wellbeing_and_shows_the_box():
    """Issue 20: a learner reading about well-being scores meets low well-being, so the page
    must be caught by the rule (in its learners' prose, not only a trainer's note) and show the box."""
    text = prose("book/wellbeing")
    learners = re.sub(r"````\{only\} trainer.*?````", "", text, flags=re.S)
    assert LOW_WELLBEING_WORDS.search(learners), "the well-being page's own prose names low well-being"
    assert declares_distress("book/wellbeing") and len(BOX.findall(text)) == 1


def test_the_box_gives_every_nations_crisis_numbers_with_their_sources():
    box = distress_support(ROOT)
    for number, sources in (
        ("999", "nhs_urgent_mental_health"),
        ("116 123", "samaritans"),
        ("NHS 111 and choose the mental health option", "nhs_urgent_mental_health"),
        ("NHS 111 Wales and press 2", "wales_111_press_2"),
        ("NHS 24 on 111", "nhs24_mental_health"),
        ("0800 83 85 87", "breathing_space"),
        ("0808 808 8000", "lifeline_ni"),
    ):
        line = next((line for line in box.splitlines() if number in line), None)
        assert line, f"the box does not give {number}"
        assert sources in line, f"{number} is cited from {sources}"
    for nation in ("England", "Wales", "Scotland", "Northern Ireland"):
        assert f"**{nation}:**" in box
    assert "{ref}`safety`" in box
    assert "tewv" not in box and "nwbh" not in box, "no local trust's page as a source"


def scratch_page(flag: str, box: str) -> str:
    """The scratch book's page, with minutes, the distress flag or not, the box or not, and the
    label the box links to."""
    page = SCRATCH_PAGE.format(code="1")
    course = "course:\n  teaching_minutes: 5\n  activity_minutes: 5\n" + flag
    return page.replace("---\n# Page\n", f"{course}---\n(safety)=\n# Page\n\n{box}\n", 1)


@pytest.mark.parametrize(
    ("flag", "box", "message"),
    [
        ("  distress: true\n", "", "needs exactly one {distress-support} box; it has 0"),
        ("", "```{distress-support}\n```\n", "its front matter must say it deals with distress"),
    ],
    ids=["declared-without-box", "box-without-declaration"],
)
def test_the_build_refuses_a_page_whose_box_and_front_matter_disagree(scratch_book, flag, box, message):
    result = scratch_book("1", activities=True, files={"index.md": scratch_page(flag, box)})
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
