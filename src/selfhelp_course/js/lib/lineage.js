// @ts-check
// Which stored value came from which (pure). Every write the store makes carries a `rev` and the
// `parent` rev it merged with. Browsers may hand a tab a copy of storage that is a moment old,
// so two tabs can write at nearly the same time, each from a copy without the other's change:
// the later write then silently drops the earlier one. A tab that knows the revisions can tell
// when a write it hears of did not descend from its own last write, and merge its change back in.

const KEEP = 32; // revisions remembered per entry: plenty for one tab's recent history

/** @typedef {import("./store.js").StoredEntry} StoredEntry */
export class Lineage {
  constructor() {
    /** @type {Map<string, string | null>} */
    this.parents = new Map(); // rev -> parent rev
    /** @type {Map<string, StoredEntry>} */
    this.values = new Map(); // rev -> value, the most recent KEEP
  }

  // Remember a value this tab read or wrote.
  /**
   * @param {StoredEntry | null | undefined} value
   */
  note(value) {
    if (!value || typeof value.rev !== "string") return;
    this.parents.set(value.rev, typeof value.parent === "string" ? value.parent : null);
    this.values.delete(value.rev);
    this.values.set(value.rev, value);
    if (this.values.size > KEEP) this.values.delete(this.values.keys().next().value);
  }

  /**
   * @param {string} rev
   */
  valueOf(rev) {
    return this.values.get(rev);
  }

  // True when `ancestor` is `rev` or one of its known forebears.
  /**
   * @param {string} ancestor
   * @param {string | null | undefined} rev
   * @returns {boolean}
   */
  isAncestor(ancestor, rev) {
    const seen = new Set();
    for (let at = rev; at && !seen.has(at); at = this.parents.get(at)) {
      if (at === ancestor) return true;
      seen.add(at);
    }
    return false;
  }

  // When `theirs` was written without `mine` (this tab's last write) although both grew from the
  // same value: {value: that common ancestor (undefined for "nothing stored")}, to merge `mine`
  // back in from. Undefined when `theirs` already holds `mine`, or their lineage is not known.
  /**
   * @param {StoredEntry | null | undefined} theirs
   * @param {StoredEntry | null | undefined} mine
   * @returns {{value: StoredEntry | undefined} | undefined}
   */
  missedAncestor(theirs, mine) {
    if (!theirs || !mine || typeof theirs.rev !== "string" || typeof mine.rev !== "string") return undefined;
    if (this.isAncestor(mine.rev, theirs.rev)) return undefined;
    const parent = typeof theirs.parent === "string" ? theirs.parent : null;
    if (parent === null) return this.rootOf(mine.rev) === null ? { value: undefined } : undefined;
    if (!this.isAncestor(parent, mine.rev) || !this.values.has(parent)) return undefined;
    return { value: this.values.get(parent) };
  }

  // The parent of the oldest known forebear of `rev`: null when that forebear was the first write.
  /**
   * @param {string} rev
   * @returns {string | null}
   */
  rootOf(rev) {
    const seen = new Set();
    let at = rev;
    while (this.parents.has(at) && !seen.has(at)) {
      seen.add(at);
      const parent = this.parents.get(at);
      if (parent === null) return null;
      at = /** @type {string} */ (parent); // has(at) held
    }
    return at;
  }
}
