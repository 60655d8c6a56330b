// @ts-check
// Building the page: every string a learner or a trainer wrote goes in as a text node, never
// as HTML, so markup typed into a reflection or a YAML file shows as the characters it is.

/**
 * @template {string} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children text, nodes, lists of them; null, undefined and false are left out
 * @returns {K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") el.className = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return /** @type {any} */ (el); // the element the tag names (tsc: the @returns above)
}

let counter = 0;
// Ids unique on the page, however many widgets (and bundles of this module) it holds.
/**
 * @param {string} prefix
 * @returns {string}
 */
export function uniqueId(prefix) {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 7);
  return `${prefix}-${Date.now().toString(36)}${random}-${counter}`;
}

// Say something in a live region. Clearing first makes screen readers repeat an identical message.
/**
 * @param {Element} region
 * @param {string} message
 */
export function announce(region, message) {
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

// Write text only when it changed, so a live region does not repeat itself.
/**
 * @param {Node} node
 * @param {string} text
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// Put a value from elsewhere (storage, another tab, a merge) into a text field without losing
// the learner's place: if the field has focus, the caret stays where it was. -> changed or not.
/**
 * @param {HTMLInputElement | HTMLTextAreaElement} field
 * @param {string} value
 * @returns {boolean}
 */
export function setValue(field, value) {
  if (field.value === value) return false;
  const focused = document.activeElement === field;
  const { selectionStart, selectionEnd } = field;
  field.value = value;
  if (focused && selectionStart !== null) {
    field.setSelectionRange(Math.min(selectionStart, value.length), Math.min(/** @type {number} */ (selectionEnd), value.length));
  }
  return true;
}

// A list drawn from data, with one view per item kept and updated in place, so that redrawing
// (after another tab saved, say) never replaces what the learner is using: focus, the caret, an
// open <details>. build(item) -> {node, update(item)}. Returns show(items, keyOf, empty): the
// views in the items' order in `parent`, or `empty` (a node) when there are none.
/**
 * @template T
 * @param {Element} parent
 * @param {(item: T) => {node: Node, update(item: T): void}} build
 * @returns {(items: T[], keyOf: (item: T) => unknown, empty?: Node | null) => void}
 */
export function keyedList(parent, build) {
  /** @type {Map<unknown, {node: Node, update(item: T): void}>} */
  const views = new Map();
  return (items, keyOf, empty = null) => {
    const keys = new Set(items.map(keyOf));
    for (const key of [...views.keys()]) if (!keys.has(key)) views.delete(key);
    const nodes = items.map((item) => {
      const view = views.get(keyOf(item));
      if (view) view.update(item);
      else views.set(keyOf(item), build(item));
      return /** @type {{node: Node}} */ (views.get(keyOf(item))).node;
    });
    const wanted = nodes.length || !empty ? nodes : [empty];
    if (wanted.length !== parent.children.length || wanted.some((node, i) => parent.children[i] !== node)) parent.replaceChildren(...wanted);
  };
}

// A button that moves the learner on acts once per press. The rest of a double click (events
// with event.detail 2 or more) is ignored wherever it lands: the first click's action may have
// moved the page (feedback opened above, focus scrolled to a message), so the second click can
// land on another control, such as the next question's option, or on a button that has just
// appeared under the pointer. Its press does not take focus from where the first click's action
// put it. Keyboard presses (detail 0) and separate clicks all count.
const DOUBLE_CLICK_MS = 1000; // longer than any system's double-click interval by default
const POINTER_EVENTS = ["mousedown", "mouseup", "click", "dblclick"];

/**
 * @param {Document} doc
 */
function ignoreRestOfDoubleClick(doc) {
  const ignore = (/** @type {MouseEvent} */ event) => {
    if (event.detail > 1) {
      event.preventDefault();
      event.stopImmediatePropagation();
    } else {
      stop(); // a new click: nothing more to ignore
    }
  };
  const stop = () => POINTER_EVENTS.forEach((type) => doc.removeEventListener(type, ignore, true));
  POINTER_EVENTS.forEach((type) => doc.addEventListener(type, ignore, true));
  setTimeout(stop, DOUBLE_CLICK_MS);
}

/**
 * @param {HTMLElement} button
 * @param {(event: MouseEvent) => void} handler
 */
export function onPress(button, handler) {
  button.addEventListener("mousedown", (event) => {
    if (event.detail > 1) event.preventDefault();
  });
  button.addEventListener("click", (event) => {
    if (event.detail > 1) return;
    if (event.detail === 1) ignoreRestOfDoubleClick(button.ownerDocument);
    handler(event);
  });
}

// Move focus to a message after an action, so it is read out and the learner is not left at
// the top of the page. The message keeps its place in the tab order only while focused.
/**
 * @param {HTMLElement} node
 */
export function focusMessage(node) {
  if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
  node.focus({ preventScroll: false });
}
