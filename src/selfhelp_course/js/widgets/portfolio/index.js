// The CPD portfolio widget: see view.js.
import { openStore } from "../../lib/store.js";
import { renderPortfolio } from "./view.js";

function render({ model, el }) {
  return renderPortfolio({ model, el, store: openStore() });
}

export default { render };
