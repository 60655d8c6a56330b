// @ts-check
// The site's widget host: renders the course's anywidget widgets on a static page, with no
// kernel and nothing fetched from outside the site. It replaces require.js and the Jupyter
// widget manager (3.6 MB) for our own widgets; see docs/design-widget-runtime.md.
//
// myst-nb embeds every widget model's state in a <script type=".../widget-state+json"> and
// marks each output with <script type=".../widget-view+json">{"model_id": ...}</script>.
// An anywidget model carries its front-end module in `_esm` and its styles in `_css`.
(() => {
  "use strict";
  const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
  const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

  // A widget model's state as myst-nb embeds it: the traits by name (their values are whatever
  // each widget's Python side sent, so `any` to this host, which only passes them on).
  /** @typedef {Record<string, any>} WidgetState */
  /** @typedef {Record<string, {state?: WidgetState}>} States every model's, by model id (readStates) */
  /** @typedef {(value: unknown) => void} Listener */

  // The subset of a Backbone-style widget model that anywidget modules use.
  class StaticModel {
    /** @param {WidgetState} state */
    constructor(state) {
      this.state = Object.assign({}, state);
      /** @type {Map<string, Set<Listener>>} */
      this.listeners = new Map();
    }
    /** @param {string} name */
    get(name) {
      return this.state[name];
    }
    /**
     * @param {string} name
     * @param {unknown} value
     */
    set(name, value) {
      const previous = this.state[name];
      this.state[name] = value;
      if (previous !== value) this.emit(`change:${name}`, value);
    }
    /**
     * @param {string} event
     * @param {Listener} callback
     */
    on(event, callback) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      // The cast holds: the line above made the set when there was none.
      /** @type {Set<Listener>} */ (this.listeners.get(event)).add(callback);
    }
    /**
     * @param {string} [event]
     * @param {Listener} [callback]
     */
    off(event, callback) {
      if (!event) this.listeners.clear();
      else if (!callback) this.listeners.delete(event);
      // The cast holds: has(event) was just checked.
      else if (this.listeners.has(event)) /** @type {Set<Listener>} */ (this.listeners.get(event)).delete(callback);
    }
    /**
     * @param {string} event
     * @param {unknown} value
     */
    emit(event, value) {
      for (const callback of this.listeners.get(event) || []) callback(value);
      for (const callback of this.listeners.get("change") || []) callback(value);
    }
    save_changes() {} // nothing to sync with: there is no kernel on the static site
    send() {}
  }

  // Each widget's module as imported: its exports are the widget's own (any to this host).
  /** @type {Map<string, Promise<any>>} */
  const modules = new Map();
  /** @param {string} source */
  function loadModule(source) {
    if (!modules.has(source)) {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      modules.set(source, import(url).finally(() => URL.revokeObjectURL(url)));
    }
    return modules.get(source);
  }

  /** @type {Set<string>} */
  const styles = new Set();
  /** @param {string | undefined} css */
  function addStyle(css) {
    if (!css || styles.has(css)) return;
    styles.add(css);
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }

  function readStates() {
    /** @type {States} */
    const states = {};
    for (const script of document.querySelectorAll(`script[type="${STATE_TYPE}"]`)) {
      try {
        Object.assign(states, JSON.parse(script.textContent).state);
      } catch (error) {
        console.error("widget-host: unreadable widget state", error);
      }
    }
    return states;
  }

  /**
   * @param {HTMLElement} where
   * @param {string} message
   */
  function failure(where, message) {
    const box = document.createElement("p");
    box.className = "course-widget-error";
    box.setAttribute("role", "alert");
    box.textContent = message;
    where.append(box);
  }

  /**
   * @param {Element} script
   * @param {States} states
   */
  async function renderView(script, states) {
    const host = document.createElement("div");
    host.className = "course-widget-host";
    script.replaceWith(host);
    let modelId;
    try {
      modelId = JSON.parse(script.textContent).model_id;
    } catch {
      modelId = undefined;
    }
    const entry = states[modelId];
    if (!entry || !entry.state || typeof entry.state._esm !== "string") {
      failure(host, "This interactive activity is not available on this page. Open the page as a notebook in JupyterLab to use it.");
      return;
    }
    try {
      addStyle(entry.state._css);
      const imported = await loadModule(entry.state._esm);
      let widget = imported.default;
      if (typeof widget === "function") widget = await widget();
      const model = new StaticModel(entry.state);
      if (widget.initialize) await widget.initialize({ model });
      await widget.render({ model, el: host });
    } catch (error) {
      console.error("widget-host: an activity failed to start", error);
      failure(host, "This interactive activity could not start in this browser. The rest of the page still works.");
    }
  }

  function start() {
    const views = document.querySelectorAll(`script[type="${VIEW_TYPE}"]`);
    if (!views.length) return;
    const states = readStates();
    views.forEach((script) => renderView(script, states));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
