// The reflection widget: see view.js. In JupyterLab the text is synced to Python (trait `entry`).
import { openStore } from "../../lib/store.js";
import { renderReflection } from "./view.js";

function render({ model, el }) {
  return renderReflection({ model, el, store: openStore() });
}

export default { render };
