// The end-of-course assessment widget: see view.js. In JupyterLab the best submitted result is
// synced to Python (trait `result`).
import { openStore } from "../../lib/store.js";
import { renderAssessment } from "./view.js";

function render({ model, el }) {
  return renderAssessment({ model, el, store: openStore() });
}

export default { render };
