// Two versions of one text (saved in two tabs or devices): both are shown and the learner
// chooses; nothing is dropped until they do.
import { h, uniqueId } from "./dom.js";

// conflict: {path, current, versions} (merge.js conflictsIn). choose(text) writes the choice.
export function conflictPanel(conflict, choose, what = "this part") {
  const id = uniqueId("conflict");
  const options = [conflict.current, ...conflict.versions].filter((text) => typeof text === "string");
  const box = h(
    "div",
    { class: "course-conflict", role: "group", "aria-labelledby": `${id}-title` },
    h("p", { class: "course-conflict-title", id: `${id}-title` },
      `Two versions of ${what} were saved, in different tabs or windows. Both are kept until you choose one.`),
  );
  options.forEach((text, index) => {
    const label = index === 0 ? "Version now in the box" : `Other version${options.length > 2 ? ` ${index}` : ""}`;
    const button = h("button", { type: "button", class: "course-button course-button-secondary" }, `Keep: ${label.toLowerCase()}`);
    button.addEventListener("click", () => choose(text));
    box.append(
      h("div", { class: "course-conflict-version" },
        h("p", { class: "course-conflict-label" }, h("strong", {}, label)),
        h("p", { class: "course-conflict-text" }, text.trim() ? text : "(empty)"),
        button),
    );
  });
  return box;
}
