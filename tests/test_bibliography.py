"""The bibliography: every source can be found, and real people are named as published."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from paths import ROOT
from selfhelp_course.course.structure import page_path, toc_docnames

BIB = parse_file(str(ROOT / "references.bib"))
# A note that says where an entry's details come from, for works cited the way the seed cites them.
CITED_FROM = re.compile(r"\bas cited in\b", re.I)

# The seed article's authors as published (Mental Health and Social Inclusion 16(3), 2012).
SEED_AUTHORS = [
    "Visram, Nazira",
    "Roberts, Adrian",
    "Seebohm, Patience",
    "Boyce, Melanie J.",
    "Chaudhary, Sarah",
]
# Names that earlier drafts got wrong; none may appear anywhere a learner reads.
WRONG_NAMES = ["Naheed", "Angela Roberts", "Roberts, Angela", "Mary Boyce", "Boyce, Mary"]


def locatable(fields) -> bool:
    """A DOI, a web address or an ISBN, or a note naming where the entry is cited from."""
    return any(fields.get(name, "").strip() for name in ("doi", "url", "isbn")) or bool(
        CITED_FROM.search(fields.get("note", ""))
    )


@pytest.mark.parametrize("key", sorted(BIB.entries))
def test_every_entry_has_a_doi_url_or_isbn_or_says_where_it_is_cited_from(key):
    entry = BIB.entries[key]
    assert locatable(entry.fields), (
        f"{key}: add a doi, url or isbn, or a note 'As cited in ...' naming where it is cited from"
    )


@pytest.mark.parametrize("key", sorted(BIB.entries))
def test_an_entry_without_a_title_says_where_it_is_cited_from(key):
    """No invented titles: a work whose title was not checked is cited by author and year only,
    the way the seed article cites it."""
    fields = BIB.entries[key].fields
    if not fields.get("title", "").strip():
        assert CITED_FROM.search(fields.get("note", "")), f"{key}: untitled, so say where it is cited from"


def isbn_is_valid(isbn: str) -> bool:
    """ISBN-13 or ISBN-10 with its check digit right: a mistyped number leads nowhere."""
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if re.fullmatch(r"\d{13}", digits):
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        return sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits)) % 11 == 0
    return False


@pytest.mark.parametrize("key", sorted(k for k, e in BIB.entries.items() if e.fields.get("isbn")))
def test_every_isbn_has_a_valid_check_digit(key):
    isbn = BIB.entries[key].fields["isbn"]
    assert isbn_is_valid(isbn), f"{key}: ISBN {isbn} fails its check digit"


def test_the_isbn_check_can_fail():
    assert isbn_is_valid("978-1-85338-071-6") and isbn_is_valid("0-306-40615-2")
    assert not isbn_is_valid("978-1-873576-87-0")  # as one reissue prints it: a digit is wrong
    assert not isbn_is_valid("0-306-40615-3") and not isbn_is_valid("12345")


def test_the_seed_articles_authors_are_named_as_published():
    people = [str(person) for person in BIB.entries["visram2012"].persons["author"]]
    assert people == SEED_AUTHORS


def test_the_rule_itself_can_fail():
    assert not locatable({"title": "A title nobody can find", "note": "An ESTEEM output"})
    assert locatable({"note": "As cited in Visram et al. (2012)"})
    assert locatable({"doi": "10.1108/20428301211255428"})


def learner_text_files():
    """Every page in the book, the activity banks and the bibliography."""
    files = [page_path(ROOT, name) for name in toc_docnames(ROOT)]
    files += sorted((ROOT / "data" / "activities").rglob("*.yml"))
    files += [ROOT / "references.bib", *sorted((ROOT / "templates").glob("*"))]
    return files


@pytest.mark.parametrize("path", learner_text_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_real_person_is_misnamed(path):
    text = path.read_text(encoding="utf-8")
    for wrong in WRONG_NAMES:
        assert wrong not in text, f"{path.relative_to(ROOT)} names {wrong!r}"
