// @ts-check
// The branching scenario widget: see view.js. In JupyterLab the route is synced to Python
// (trait `path`).
import { widgetModule } from "../../lib/mount.js";
import { renderScenario } from "./view.js";

export default widgetModule(renderScenario);
