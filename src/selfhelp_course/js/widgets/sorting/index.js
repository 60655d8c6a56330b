// The sorting exercise widget: see view.js. In JupyterLab the placements are synced to Python
// (traits `placements` and `checked`).
import { openStore } from "../../lib/store.js";
import { renderSorting } from "./view.js";

function render({ model, el }) {
  return renderSorting({ model, el, store: openStore() });
}

export default { render };
