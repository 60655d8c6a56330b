// The well-being explorer widget: see view.js. In JupyterLab the learner's view is synced to
// Python (trait `view`).
import { openStore } from "../../lib/store.js";
import { renderExplorer } from "./view.js";

function render({ model, el }) {
  return renderExplorer({ model, el, store: openStore() });
}

export default { render };
