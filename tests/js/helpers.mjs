// Shared by the node unit tests: a browser's storage, in memory, that can also refuse.
export class MemoryStorage {
  constructor(entries = {}, mode = "ok") {
    this.data = new Map(Object.entries(entries));
    this.mode = mode; // "ok" | "full" (every write refused as over quota)
    this.limit = Infinity; // characters, keys and values together, as browsers count
  }
  size() {
    let total = 0;
    for (const [key, value] of this.data) total += key.length + value.length;
    return total;
  }
  getItem(key) {
    return this.data.has(key) ? this.data.get(key) : null;
  }
  setItem(key, value) {
    if (this.mode === "full") throw new DOMException("full", "QuotaExceededError");
    const old = this.data.has(key) ? key.length + this.data.get(key).length : 0;
    if (this.size() - old + key.length + String(value).length > this.limit) {
      throw new DOMException("full", "QuotaExceededError");
    }
    this.data.set(key, String(value));
  }
  removeItem(key) {
    this.data.delete(key);
  }
  key(index) {
    return [...this.data.keys()][index] ?? null;
  }
  get length() {
    return this.data.size;
  }
}

// Two tabs of one browser: one storage area; each tab has its own window (event target), and a
// write in one fires a `storage` event in the other, as browsers do.
export function twoTabs(storage = new MemoryStorage()) {
  const tabs = [new EventTarget(), new EventTarget()];
  const wrap = (self) =>
    new Proxy(storage, {
      get(target, name) {
        if (name === "setItem" || name === "removeItem") {
          return (key, value) => {
            const old = target.getItem(key);
            if (name === "setItem") target.setItem(key, value);
            else target.removeItem(key);
            for (const other of tabs) {
              if (other === self) continue;
              const event = new Event("storage");
              Object.assign(event, { key, oldValue: old, newValue: target.getItem(key) });
              other.dispatchEvent(event);
            }
          };
        }
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return { storage, tabs: tabs.map((target) => ({ target, storage: () => wrap(target) })) };
}

export const blocked = () => {
  throw new DOMException("blocked", "SecurityError");
};
