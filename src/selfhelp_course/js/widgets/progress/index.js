// @ts-check
// The progress page widget: see view.js. It only reads what the store holds.
import { widgetModule } from "../../lib/mount.js";
import { renderProgress } from "./view.js";

export default widgetModule(renderProgress);
