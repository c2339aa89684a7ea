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
 * each). A chat that never shows a switch compiles none. A pattern the engine
 * refuses is skipped with a warning, not fatal (the builder checks each pattern alone,
 * for syntax and ReDoS: builder/js/check.mjs).
 * @param {readonly string[]} patterns
 * @returns {{ test(text: string): boolean }[]}
 */
function compile(patterns) {
  /** @type {(RegExp | null)[]} null: refused */
  const compiled = [];
  const at = (index) => {
    if (index === compiled.length) {
      try {
        compiled.push(new RegExp(patterns[index], FLAGS));
      } catch (err) {
        compiled.push(null);
        console.warn("Privacy Guard: skipping pattern", patterns[index], /** @type {Error} */ (err).message);
      }
    }
    return compiled[index];
  };
  const test = (text) => {
    for (let index = 0; index < patterns.length; index += 1) {
      if (at(index)?.test(text)) return true;
    }
    return false;
  };
  return [{ test }];
}

function matchesAny(regexes, text) {
  return text !== "" && regexes.some((re) => re.test(text));
}

export { normalize, compile, matchesAny, FLAGS };