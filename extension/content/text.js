// Text helpers: normalise page text the way policy_data/detection.yaml documents,
// and compile its patterns. Shared by the other content modules.

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
// Invisible characters that sit inside words: soft hyphen, zero-width space/joiners,
// word joiner, BOM. Japanese UIs put them between phrases so lines break nicely.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Hyphens and dashes that NFKC leaves alone ("KI‑Modelle" with a no-break hyphen).
const DASHES = /[\u2010-\u2013\u2212\uFE63\uFF0D]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;

/**
 * NFKC, invisible characters dropped, straight quotes, dashes as "-", white space
 * (incl. no-break spaces) folded, lower case.
 */
function normalize(text) {
  return String(text ?? "")
    .replace(INVISIBLE, "")
    .normalize("NFKC")
    .replace(DASHES, "-")
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}

// Without the "i" flag: every text matched is lower case already (normalize(), or a URL
// lower-cased by the caller) and the builder refuses a pattern with an upper-case letter
// (builder/js/check.mjs). Unicode case-insensitive matching made V8's first match of the
// wording lists ~4x slower, and the first popup of a page pays for it (bench/: startup).
const FLAGS = "u";

/** `compile`'s work, done on the first match: a chat that never shows a switch never pays. */
function compileNow(patterns) {
  if (!patterns.length) return [];
  try {
    return [new RegExp(patterns.map((source) => `(?:${source})`).join("|"), FLAGS)];
  } catch {
    // One pattern the engine refuses: found and named below.
  }
  const out = [];
  for (const source of patterns) {
    try {
      out.push(new RegExp(source, FLAGS));
    } catch (err) {
      console.warn("Privacy Guard: skipping pattern", source, /** @type {Error} */ (err).message);
    }
  }
  return out;
}

/**
 * Compile patterns once, as one alternation: every use asks whether any of a list matches
 * (matchesAny), and one regular expression per list is one for V8 to compile instead of
 * one per wording (bench/: the script time of a page load; the builder checks each pattern
 * alone for ReDoS, and a top-level alternation adds no nesting). Should the engine refuse
 * the whole, each pattern is compiled alone and one it refuses is skipped, not fatal.
 * Compiled on first use, not when the script loads (bench/: the script time of a page load).
 * @returns {{ test(text: string): boolean }[]}
 */
function compile(patterns) {
  /** @type {RegExp[] | null} */
  let regexes = null;
  return [{ test: (text) => (regexes ??= compileNow(patterns)).some((re) => re.test(text)) }];
}

function matchesAny(regexes, text) {
  return text !== "" && regexes.some((re) => re.test(text));
}

export { normalize, compile, matchesAny, FLAGS };