// @ts-check
// Whether an object has a key of its own (not inherited). `Object.hasOwn` would say it, but Safari
// gained it only in 15.4 and the course supports Safari 14 and later (TARGET in _bundle.py; esbuild
// lowers syntax, not missing built-ins), so the older spelling lives here, once.
// tests/js/browser-support.test.mjs keeps `Object.hasOwn` out of the front end.

/**
 * @param {object} object
 * @param {PropertyKey} key
 * @returns {boolean}
 */
// biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is what Safari 14 lacks (above)
export const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
