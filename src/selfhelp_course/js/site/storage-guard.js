// @ts-check
// Keeps the theme working when the browser blocks storage. pydata-sphinx-theme reads and writes
// localStorage (the light/dark choice "mode" and "theme", banner preferences) with no guard: in
// its inline <head> script and in pydata-sphinx-theme.js, where the first throw stops the
// light/dark switch from ever being wired up. Loaded before both (templates/layout.html), this
// classic script tries to read storage once; if that throws, `localStorage` becomes an in-memory stand-in
// for the theme's keys (the choice lasts until the page is left), while every key of the
// course's own still throws as blocked storage does, so the store and every widget go on telling
// the learner that nothing can be saved. When storage can be read but not written (full), the
// theme's own writes (its light/dark choice) are let fail quietly, so a full browser shows the
// course's notices and no page errors; the course's own keys still throw, for the store to
// explain. Nothing changes when storage works.
import { META_KEY, STORAGE_PREFIX } from "../lib/facts.js";

function blocked() {
  return new DOMException("The course cannot use this browser's storage", "SecurityError");
}

// Reading only: a write would wake every other open tab (storage events), and full storage,
// where reads still work, must keep the learner's saved work readable.
function storageReadable() {
  try {
    window.localStorage.getItem(STORAGE_PREFIX + META_KEY);
    return true;
  } catch {
    return false;
  }
}

// Only what the theme calls; listing or clearing would reveal (or drop) the course's keys.
function themeStandIn() {
  const items = new Map();
  const refuse = (/** @type {unknown} */ key) => String(key).startsWith(STORAGE_PREFIX);
  return {
    /** @param {string} key */
    getItem(key) {
      if (refuse(key)) throw blocked();
      return items.has(String(key)) ? items.get(String(key)) : null;
    },
    /**
     * @param {string} key
     * @param {string} value
     */
    setItem(key, value) {
      if (refuse(key)) throw blocked();
      items.set(String(key), String(value));
    },
    /** @param {string} key */
    removeItem(key) {
      if (refuse(key)) throw blocked();
      items.delete(String(key));
    },
    key() {
      throw blocked();
    },
    clear() {
      throw blocked();
    },
    get length() {
      throw blocked();
    },
  };
}

if (!storageReadable()) {
  const standIn = themeStandIn();
  try {
    Object.defineProperty(window, "localStorage", { configurable: true, get: () => standIn });
  } catch {
    /* the browser would not let it be replaced: the theme stays as it was */
  }
}

// Full storage: reads work, writes throw QuotaExceededError. The theme writes its preferences
// with no guard; those writes are dropped (the preference lasts for the page), never the
// course's own keys, whose errors the store turns into notices (issue 21, defect 13).
function quietThemeWrites() {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    try {
      return setItem.call(this, key, value);
    } catch (error) {
      if (String(key).startsWith(STORAGE_PREFIX) || !error || error.name !== "QuotaExceededError") throw error;
      return undefined;
    }
  };
}

if (storageReadable()) quietThemeWrites();
