// @ts-check
// The sorting exercise widget: see view.js. In JupyterLab the placements are synced to Python
// (traits `placements` and `checked`).
import { widgetModule } from "../../lib/mount.js";
import { renderSorting } from "./view.js";

export default widgetModule(renderSorting);
