// The course's state in cmi.suspend_data, so that a learner's progress follows them to any
// browser their LMS opens the course in. Pure apart from the browser's CompressionStream.
//
// What goes: every progress entry (knowledge checks, sorting, scenarios, the explorer, pages
// marked read); the learner's own writing (reflections, the portfolio) only when they have
// turned sharing on. For writing that stays behind, only the keys of finished activities go
// ("done"), so the LMS can still count them; never their text.
//
// Format: "z1:" + base64(deflate-raw(JSON)), or "j1:" + JSON when there was no time to compress
// (the page was closing). JSON: {v: 1, share, entries: {key: value}, done: [key]}.
// SCORM allows 64,000 characters in 2004 and 4,096 in 1.2: what does not fit stays on the device.

export const LIMITS = { "2004": 64000, "1.2": 4096 };
const PROGRESS_KINDS = ["check", "sorting", "scenario", "explorer", "read"];

// Progress is always sent; anything else (reflections, the portfolio, kinds not known here) is
// the learner's own and goes only if they say so.
export function isProgress(key) {
  return PROGRESS_KINDS.includes(String(key).split(":")[0]);
}

function isDone(value) {
  return Boolean(value && typeof value === "object" && value.complete === true);
}

function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function through(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

export async function encode(payload) {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return `z1:${toBase64(await through(json, new CompressionStream("deflate-raw")))}`;
}

// For a page that is closing: no time to wait for compression.
export function encodeNow(payload) {
  return `j1:${JSON.stringify(payload)}`;
}

// {status: "empty" | "ok" | "corrupt", value: {share, entries, done}}
export async function decode(text) {
  if (!text) return { status: "empty", value: emptyState() };
  try {
    let json;
    if (text.startsWith("z1:")) {
      json = new TextDecoder().decode(await through(fromBase64(text.slice(3)), new DecompressionStream("deflate-raw")));
    } else if (text.startsWith("j1:")) {
      json = text.slice(3);
    } else {
      return { status: "corrupt", value: emptyState() };
    }
    return { status: "ok", value: checked(JSON.parse(json)) };
  } catch (error) {
    return { status: "corrupt", value: emptyState() };
  }
}

function emptyState() {
  return { share: false, entries: {}, done: [] };
}

// Only well-formed parts of a decoded state are used.
function checked(data) {
  const state = emptyState();
  if (!data || typeof data !== "object") return state;
  state.share = data.share === true;
  if (data.entries && typeof data.entries === "object" && !Array.isArray(data.entries)) {
    for (const [key, value] of Object.entries(data.entries)) {
      if (value && typeof value === "object" && !Array.isArray(value)) state.entries[key] = value;
    }
  }
  if (Array.isArray(data.done)) state.done = data.done.filter((key) => typeof key === "string");
  return state;
}

// The suspend data for `entries` (the store's, by key), within `limit` characters.
// `carried`: keys of finished activities that other devices reported and this one lacks.
// Returns {text, kept: [key], left: [key]}: `left` are entries that stay on this device only
// because they would not fit (never those held back because sharing is off).
export async function pack({ entries, share, carried = [] }, limit, encoder = encode) {
  const progress = Object.keys(entries).filter(isProgress);
  const own = Object.keys(entries).filter((key) => !isProgress(key));
  const size = (key) => JSON.stringify(entries[key]).length;
  const bySize = (a, b) => size(a) - size(b) || (a < b ? -1 : 1);
  const candidates = [...progress.sort(bySize), ...(share ? own.sort(bySize) : [])];
  const build = (keys) => {
    const included = new Set(keys);
    const done = [...new Set([...carried, ...Object.keys(entries).filter((k) => !included.has(k) && isDone(entries[k]))])]
      .filter((key) => !included.has(key)).sort();
    return { v: 1, share, entries: Object.fromEntries(keys.map((key) => [key, entries[key]])), done };
  };
  let text = await encoder(build(candidates));
  if (text.length <= limit) return { text, kept: candidates, left: [] };
  const kept = [];
  const left = [];
  text = await encoder(build([]));
  for (const key of candidates) {
    const attempt = await encoder(build([...kept, key]));
    if (attempt.length <= limit) {
      kept.push(key);
      text = attempt;
    } else {
      left.push(key);
    }
  }
  return { text, kept, left };
}
