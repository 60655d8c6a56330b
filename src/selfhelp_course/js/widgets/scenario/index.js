// The branching scenario widget: see view.js. In JupyterLab the route is synced to Python
// (trait `path`).
import { openStore } from "../../lib/store.js";
import { renderScenario } from "./view.js";

function render({ model, el }) {
  return renderScenario({ model, el, store: openStore() });
}

export default { render };
