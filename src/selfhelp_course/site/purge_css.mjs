// Removes the CSS rules no page uses (PurgeCSS, pinned in package.json); called by _styles.py.
// Reads {css, content: [file paths], safelist: {greedy: [regex], deep: [regex]}} as JSON on
// stdin and writes the purged stylesheet to stdout.
import { PurgeCSS } from "purgecss";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const patterns = (list) => (list || []).map((source) => new RegExp(source));

const [result] = await new PurgeCSS().purge({
  css: [{ raw: request.css }],
  content: request.content,
  safelist: {
    greedy: patterns(request.safelist.greedy),
    deep: patterns(request.safelist.deep),
  },
  fontFace: true, // drop @font-face rules for families no kept rule uses
  keyframes: true, // likewise for animations
});
process.stdout.write(result.css);
