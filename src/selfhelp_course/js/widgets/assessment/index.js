// @ts-check
// The end-of-course assessment widget: see view.js. In JupyterLab the best submitted result is
// synced to Python (trait `result`).
import { widgetModule } from "../../lib/mount.js";
import { renderAssessment } from "./view.js";

export default widgetModule(renderAssessment);
