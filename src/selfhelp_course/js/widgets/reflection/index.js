// @ts-check
// The reflection widget: see view.js. In JupyterLab the text is synced to Python (trait `entry`).
import { widgetModule } from "../../lib/mount.js";
import { renderReflection } from "./view.js";

export default widgetModule(renderReflection);
