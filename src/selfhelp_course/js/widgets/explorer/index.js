// @ts-check
// The well-being explorer widget: see view.js. In JupyterLab the learner's view is synced to
// Python (trait `view`).
import { widgetModule } from "../../lib/mount.js";
import { renderExplorer } from "./view.js";

export default widgetModule(renderExplorer);
