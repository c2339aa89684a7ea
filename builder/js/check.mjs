// Checks detection patterns and CSS selectors the way the extension will use them, in one
// Node process: reads {"patterns": [...], "selectors": [...]} on stdin and writes
// {"patterns": {text: problem|null}, "selectors": {text: problem|null}} on stdout.

// recheck's pure-JavaScript backend: the same verdict on every machine, no helper
// binary or Java to start, and fast enough for a few dozen patterns.
process.env.RECHECK_BACKEND = "pure";

// A pattern recheck cannot prove safe within this time is refused, not waved through.
const RECHECK_TIMEOUT_MS = 10_000;

async function load() {
  try {
    return [await import("recheck"), await import("css-what")];
  } catch (err) {
    process.stdout.write(JSON.stringify({ setup: String(err.message).split("\n")[0] }));
    process.exit(0);
  }
}

const [{ check }, { parse: parseSelector, isTraversal }] = await load();

// The flags the content script compiles every pattern with (content/text.js FLAGS): no
// "i", because every text it matches is lower case already.
const FLAGS = "u";
// Escapes (\S, \W, \p{Lu}, \u00C9...) may hold upper-case letters that are not text.
const ESCAPES = /\\(?:[pP]\{[^}]*\}|u\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|.)/gsu;
const UPPER = /[\p{Lu}\p{Lt}]/u;

async function patternProblem(source) {
  let regex;
  try {
    regex = new RegExp(source, FLAGS);
  } catch (err) {
    return `is not a valid JavaScript regular expression (flags "${FLAGS}"): ${err.message}`;
  }
  const upper = source.replace(ESCAPES, "").match(UPPER);
  if (upper) {
    return (
      `has the upper-case letter "${upper[0]}": page text is lower-cased before it is ` +
      "matched (policy_data/detection.yaml), so write the pattern in lower case"
    );
  }
  if (regex.test("")) return "matches empty text, so it would match everything";
  const result = await check(source, FLAGS, { timeout: RECHECK_TIMEOUT_MS });
  if (result.status === "safe") return null;
  if (result.status === "vulnerable") {
    return (
      `can take ${result.complexity.summary} time on long page text (catastrophic ` +
      "backtracking); avoid repeats that can match the same text, such as .* then .*, or (a+)+"
    );
  }
  return `could not be proven safe from catastrophic backtracking (${result.error?.kind ?? "unknown"}); simplify it`;
}

function selectorProblem(text) {
  // The selectors are written into the generated stylesheet, where "/*" would swallow the
  // rules that follow.
  if (text.includes("/*")) return 'contains "/*", which starts a comment in the stylesheet';
  let parsed;
  try {
    parsed = parseSelector(text);
  } catch (err) {
    return `is not a valid CSS selector: ${err.message}`;
  }
  // Each item is combined with others ("dialog " + item) and joined into one stylesheet
  // rule, so a list "a, b" would change meaning there.
  if (parsed.length !== 1) return "holds several selectors; give each its own list item";
  const tokens = parsed[0];
  if (tokens.length === 0) return "is not a valid CSS selector: it is empty";
  if (isTraversal(tokens[0]) || isTraversal(tokens[tokens.length - 1])) {
    return "is not a valid CSS selector: it starts or ends with a combinator";
  }
  return null;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { patterns = [], selectors = [] } = JSON.parse(input);
const out = { patterns: {}, selectors: {} };
for (const p of patterns) out.patterns[p] = await patternProblem(p);
for (const s of selectors) out.selectors[s] = selectorProblem(s);
process.stdout.write(JSON.stringify(out));
