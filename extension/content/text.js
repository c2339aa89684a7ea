// Text helpers: normalise page text the way policy_data/detection.yaml documents,
// and compile its patterns. Shared by the other content modules.

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
// Invisible characters that sit inside words: soft hyphen, zero-width space/joiners,
// word joiner, BOM. Japanese UIs put them between phrases so lines break nicely.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Hyphens and dashes that NFKC leaves alone ("KI‑Modelle" with a no-break hyphen).
const DASHES = /[\u2010-\u2013\u2212\uFE63\uFF0D]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;

const NOT_ASCII = /[^\0-\x7F]/;

/**
 * NFKC, invisible characters dropped, straight quotes, dashes as "-", white space
 * (incl. no-break spaces) folded, lower case.
 */
function normalize(text) {
  let out = String(text ?? "");
  // ASCII has nothing for NFKC or the character classes above to change: skipping them
  // spares the first popup of an English page ICU's normalizer and four first-time
  // regular expression compiles (~0.1 ms in Chromium, fresh tab).
  if (NOT_ASCII.test(out)) {
    out = out
      .replace(INVISIBLE, "")
      .normalize("NFKC")
      .replace(DASHES, "-")
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"');
  }
  // \s is the same set of white space with or without the "u" flag (all of it is in the
  // Basic Multilingual Plane).
  return out.replace(/\s+/g, " ").trim().toLowerCase();
}

// Without the "i" flag: every text matched is lower case already (normalize(), or a URL
// lower-cased by the caller) and the builder refuses a pattern with an upper-case letter
// (builder/js/check.mjs). Unicode case-insensitive matching made V8's first match of the
// wording lists ~4x slower, and the first popup of a page pays for it (bench/: startup).
const FLAGS = "u";

/**
 * A list of patterns as one tester: true when any of them matches. Each pattern is its
 * own regular expression, compiled when a test first reaches it, in the list's order:
 * V8 compiles a small expression faster than the one alternation of a whole list, and a
 * test stops at the first match, so a page whose wording comes early in a list (the
 * wording lists put English first) never compiles the rest (bench/: first popup; in
 * Chromium the first popup's three lists took 0.3 ms so, 0.5 ms as one alternation
 * each). A chat that never shows a switch compiles none. A pattern of plain words
 * (see wordsOfPattern) is not compiled either for a text without those words: most of
 * a list's patterns are other languages' (bench/: first popup). A pattern the engine
 * refuses is skipped with a warning, not fatal (the builder checks each pattern alone,
 * for syntax and ReDoS: builder/js/check.mjs).
 * @param {readonly string[]} patterns
 * @returns {{ test(text: string): boolean }[]}
 */
function compile(patterns) {
  /** @type {(RegExp | null | undefined)[]} null: refused; undefined: not compiled yet */
  const compiled = [];
  // Worked out when a test first reaches the pattern too: a page load pays for neither.
  /** @type {(string | null | undefined)[]} */
  const words = [];
  const regexOf = (index) => {
    if (compiled[index] === undefined) {
      try {
        compiled[index] = new RegExp(patterns[index], FLAGS);
      } catch (err) {
        compiled[index] = null;
        console.warn("Privacy Guard: skipping pattern", patterns[index], /** @type {Error} */ (err).message);
      }
    }
    return compiled[index];
  };
  const test = (text) => {
    for (let index = 0; index < patterns.length; index += 1) {
      if (words[index] === undefined) words[index] = wordsOfPattern(patterns[index]);
      const needed = words[index];
      if (needed !== null && !text.includes(needed)) continue;
      if (regexOf(index)?.test(text)) return true;
    }
    return false;
  };
  return [{ test }];
}

// Characters with a meaning in a pattern (ECMAScript RegExp, "u" flag); every other
// character matches itself.
const SYNTAX = new Set("\\^$.*+?()[]{}|");

/**
 * The words a pattern of plain words must find in a text to match, or null for any
 * other pattern: "metadatos", "^privacy$" and "\\bmetadata\\b" need "metadatos",
 * "privacy" and "metadata"; "^aceptar(?:…)?$" is not plain. Without the "i" flag (FLAGS)
 * such a pattern matches only a text that holds its words as written, so a text
 * without them is told "no" with no regular expression compiled.
 * @param {string} pattern @returns {string | null}
 */
function wordsOfPattern(pattern) {
  let start = 0;
  let end = pattern.length;
  if (pattern.startsWith("^")) start = 1;
  else if (pattern.startsWith("\\b")) start = 2;
  if (pattern.endsWith("\\b") && end - 2 >= start) end -= 2;
  else if (pattern.endsWith("$") && end - 1 >= start) end -= 1;
  const middle = pattern.slice(start, end);
  if (middle === "") return null;
  for (const char of middle) if (SYNTAX.has(char)) return null;
  return middle;
}

function matchesAny(regexes, text) {
  return text !== "" && regexes.some((re) => re.test(text));
}

export { normalize, compile, matchesAny, FLAGS };