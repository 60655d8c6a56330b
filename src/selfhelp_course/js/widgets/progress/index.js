// The progress page widget: see view.js. It only reads what the store holds.
import { openStore } from "../../lib/store.js";
import { renderProgress } from "./view.js";

function render({ model, el }) {
  return renderProgress({ model, el, store: openStore() });
}

export default { render };
