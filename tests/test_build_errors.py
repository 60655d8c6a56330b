"""A malformed content file fails the real build with its file, line and field."""

from __future__ import annotations

BROKEN_BANK = (
    "checks:\n  - id: demo-one\n    kind: single\n    question: Q?\n    options:\n"
    "      - id: a\n        text: A\n        correct: true\n        feedback: yes\n"
    "      - id: b\n        text: B\n        correct: maybe\n        feedback: no\n"
)


def test_a_malformed_bank_fails_the_build_naming_file_line_and_field(scratch_book):
    bank = "data/activities/checks/demo.yml"
    result = scratch_book(
        'from selfhelp_course import knowledge_check\nknowledge_check("demo-one")', files={bank: BROKEN_BANK}
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{scratch_book.book / bank}:12" in output
    assert "checks[0].options[1].correct: must be true or false" in output
