// @ts-check
// The course evaluation widget: see view.js. In JupyterLab the ratings are synced to Python
// (trait `ratings`).
import { widgetModule } from "../../lib/mount.js";
import { renderEvaluation } from "./view.js";

export default widgetModule(renderEvaluation);
