// @ts-check
// The CPD portfolio widget: see view.js.
import { widgetModule } from "../../lib/mount.js";
import { renderPortfolio } from "./view.js";

export default widgetModule(renderPortfolio);
