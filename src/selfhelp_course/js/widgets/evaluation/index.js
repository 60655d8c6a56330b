// The course evaluation widget: see view.js. In JupyterLab the ratings are synced to Python
// (trait `ratings`).
import { openStore } from "../../lib/store.js";
import { renderEvaluation } from "./view.js";

function render({ model, el }) {
  return renderEvaluation({ model, el, store: openStore() });
}

export default { render };
