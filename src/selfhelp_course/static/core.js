// Shared by every course widget (prepended to each widget module by _widgets.py).
// Everything a learner or a trainer wrote is put on the page as text nodes, never as HTML.

const COURSE_PREFIX = "selfhelp-course:";

function h(tag, attrs = {}, ...children) {
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
  return el;
}

let courseUid = 0;
function uniqueId(prefix) {
  courseUid += 1;
  return `${prefix}-${Date.now().toString(36)}-${courseUid}`;
}

// localStorage can be disabled, full, or hold something we cannot read. Each case is reported
// to the caller so the widget can say so in words; nothing is ever silently dropped.
function openStore(key) {
  const fullKey = COURSE_PREFIX + key;
  return {
    key: fullKey,
    read() {
      let raw;
      try {
        raw = window.localStorage.getItem(fullKey);
      } catch (error) {
        return { status: "unavailable" };
      }
      if (raw === null) return { status: "empty" };
      try {
        return { status: "ok", value: JSON.parse(raw) };
      } catch (error) {
        // Keep the unreadable text under another key rather than overwrite it.
        try {
          window.localStorage.setItem(`${fullKey}:unreadable:${Date.now()}`, raw);
        } catch (ignored) {
          /* storage refused: the raw text is still returned to the caller */
        }
        return { status: "corrupt", raw };
      }
    },
    write(value) {
      try {
        window.localStorage.setItem(fullKey, JSON.stringify(value));
        // Until this widget moves to js/lib/store.js: tell this page's readers (the progress
        // box) as the store does, with its change event; other tabs get the storage event.
        window.dispatchEvent(new CustomEvent("course-learner-data-change", { detail: { keys: [key], reason: null, source: "core.js" } }));
        return { ok: true };
      } catch (error) {
        const full = error && (error.name === "QuotaExceededError" || error.code === 22);
        return { ok: false, reason: full ? "full" : "unavailable" };
      }
    },
  };
}

const STORAGE_MESSAGES = {
  unavailable:
    "This browser is not letting the course save on your device (storage is turned off or blocked), so what you do here will be forgotten when you leave the page.",
  full: "Your browser's storage for this site is full, so your latest changes are not saved. Copy or download your text before leaving the page.",
  corrupt:
    "A saved entry for this activity could not be read, so it was set aside and this activity starts afresh.",
};

function announce(region, message) {
  // Clearing first makes screen readers repeat an identical message.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

// Offer text as a file download (works offline and from file://). False if the browser refused.
function downloadText(text, fileName, type, where) {
  try {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = h("a", { href: url, download: fileName, hidden: true });
    where.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    return true;
  } catch (error) {
    return false;
  }
}
