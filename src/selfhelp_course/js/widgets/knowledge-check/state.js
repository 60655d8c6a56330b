// Knowledge check state (pure). One stored entry per question, key check:<id>:
// {v: 2, page, selected: [option indices], checked, tries, complete, attempted, updated}.
// Completed means answered correctly; attempted means checked at least once.
import { checkedAsMade, deepEqual, isPlainObject } from "../../lib/merge.js";

export function correctOptions(check) {
  return check.options.flatMap((option, index) => (option.correct ? [index] : []));
}

export function isRight(check, picked) {
  return check.options.every((option, index) => Boolean(option.correct) === picked.includes(index));
}

// What a stored entry says the learner chose, cleaned against this question's options.
export function answerFrom(entry, check) {
  if (!isPlainObject(entry) || !Array.isArray(entry.selected)) return { selected: [], checked: false, tries: 0 };
  const selected = [...new Set(entry.selected)]
    .filter((i) => Number.isInteger(i) && i >= 0 && i < check.options.length)
    .sort((a, b) => a - b);
  const tries = Number.isInteger(entry.tries) && entry.tries > 0 ? entry.tries : entry.checked ? 1 : 0;
  return { selected, checked: Boolean(entry.checked) && selected.length > 0, tries };
}

export function entryValue(answer, page) {
  return { v: 2, page, selected: answer.selected, checked: answer.checked, tries: answer.tries };
}

// sides: the two tabs' values when a write merged them (store.update), so that one tab's pick
// never counts as checked because the other tab checked a different one.
export function derive(check) {
  return (value, sides) => {
    const answer = answerFrom(value, check);
    const checked = checkedAsMade(answer, sides, (side) => answerFrom(side, check),
      (a, b) => deepEqual(a.selected, b.selected));
    const derived = { complete: checked && isRight(check, answer.selected), attempted: answer.tries > 0 };
    return checked === answer.checked ? derived : { ...derived, checked };
  };
}

// Which explanations to show once checked: when right, every option's (all are worth reading);
// when wrong, only the learner's own choices, so that "Try again" still means something.
export function feedback(check, picked) {
  const right = isRight(check, picked);
  return check.options.map((option, index) => ({
    visible: right || picked.includes(index),
    correct: Boolean(option.correct),
    text: `${option.correct ? "Correct answer" : "Not this one"}: ${option.feedback}`,
  }));
}

export function verdict(check, picked) {
  return isRight(check, picked)
    ? "Correct. The explanation for each option is shown below it."
    : "Not quite. Read the feedback under your answer, then try again.";
}

// With several questions: "Score: 2 of 3 correct (3 of 3 answered)."
export function scoreText(checks, answers) {
  const right = checks.filter((check, i) => answers[i] && answers[i].checked && isRight(check, answers[i].selected)).length;
  const done = answers.filter((a) => a && a.checked).length;
  return `Score: ${right} of ${checks.length} correct (${done} of ${checks.length} answered).`;
}
