// text.js compile(): a wording list as one tester, each pattern compiled when a test first
// reaches it; a pattern the engine refuses is skipped with a warning, never fatal.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension } from "./harness.mjs";

const { PG, logged } = loadExtension();
const tester = (patterns) => PG.text.compile(patterns);
const warnings = () => logged.filter((line) => line.includes("skipping pattern"));

test("a list matches when any of its patterns does, and not otherwise", () => {
  const list = tester(["^accept$", "^aceptar$", "承認"]);
  assert.equal(PG.text.matchesAny(list, "accept"), true);
  assert.equal(PG.text.matchesAny(list, "aceptar"), true);
  assert.equal(PG.text.matchesAny(list, "ボタンを承認"), true);
  assert.equal(PG.text.matchesAny(list, "accepter"), false);
  assert.equal(PG.text.matchesAny(list, ""), false);
  assert.equal(PG.text.matchesAny(tester([]), "accept"), false);
});

test("a pattern the engine refuses is skipped with a warning naming it; the others still match", () => {
  const before = warnings().length;
  // A lone "(" and an unknown Unicode property: both refused with the "u" flag.
  const list = tester(["^accept$", "(", "\\p{NotAProperty}", "^aceptar$"]);
  assert.equal(PG.text.matchesAny(list, "aceptar"), true);
  assert.equal(PG.text.matchesAny(list, "nothing"), false);
  const added = warnings().slice(before);
  assert.equal(added.length, 2, added.join("\n"));
  assert.ok(added[0].includes("("), added[0]);
  assert.ok(added[1].includes("\\p{NotAProperty}"), added[1]);
});

test("patterns after the first match are not compiled yet: a refused one there says nothing", () => {
  const before = warnings().length;
  const list = tester(["^accept$", "("]);
  assert.equal(PG.text.matchesAny(list, "accept"), true);
  assert.equal(warnings().length, before, "compiled past the first match");
  // Reached now: refused once, and only once however often it is reached.
  assert.equal(PG.text.matchesAny(list, "other"), false);
  assert.equal(PG.text.matchesAny(list, "other"), false);
  assert.equal(warnings().length, before + 1);
});

/** Counts the regular expressions the content script compiles while `fn` runs. */
function compiles(window, fn) {
  const Real = window.RegExp;
  let count = 0;
  window.RegExp = new Proxy(Real, {
    construct(target, args) {
      count += 1;
      return Reflect.construct(target, args);
    },
  });
  try {
    fn();
  } finally {
    window.RegExp = Real;
  }
  return count;
}

test("a pattern of plain words is compiled only for a text that holds those words", () => {
  const { window, PG: pg } = loadExtension();
  const list = pg.text.compile(["\\bmetadata\\b", "métadonnées", "^privacy$"]);
  const english = "allow the use of your chats and coding sessions to train";
  assert.equal(compiles(window, () => assert.equal(pg.text.matchesAny(list, english), false)), 0);
  // Holding the words is not matching: the pattern itself still decides.
  assert.equal(compiles(window, () => assert.equal(pg.text.matchesAny(list, "metadatas"), false)), 1);
  assert.equal(compiles(window, () => assert.equal(pg.text.matchesAny(list, "privacy tab"), false)), 1);
  assert.equal(pg.text.matchesAny(list, "location metadata"), true);
  assert.equal(pg.text.matchesAny(list, "privacy"), true);
  // A pattern with syntax in it is compiled whatever the text holds.
  const syntax = pg.text.compile(["^accept(?: and continue)?$"]);
  assert.equal(compiles(window, () => pg.text.matchesAny(syntax, "nothing alike")), 1);
});

test("every shipped wording list answers as its patterns do, texts with and without their words", () => {
  const { data } = PG;
  const lists = Object.entries(data.detection).filter(
    ([, v]) => Array.isArray(v) && v.every((p) => typeof p === "string") && v.length,
  );
  // Texts that hold each pattern's literal pieces in the ways that matter: alone, inside a
  // sentence, glued to letters (a word boundary fails), and the same in other lists' words.
  const pieces = lists.flatMap(([, v]) => v.flatMap((p) => p.split(/\\.|[\^$.*+?()[\]{}|]/)));
  const texts = [
    "",
    "nothing here",
    ...pieces.filter(Boolean).flatMap((w) => [w, `the ${w} row`, `x${w}y`, `${w}'s`]),
  ];
  let checked = 0;
  let matched = 0;
  for (const [name, patterns] of lists) {
    let plain;
    try {
      plain = patterns.map((p) => new RegExp(p, PG.text.FLAGS));
    } catch {
      continue; // a CSS selector list, not patterns
    }
    const list = tester(patterns);
    for (const text of texts) {
      const expected = plain.some((re) => re.test(text));
      assert.equal(PG.text.matchesAny(list, text), text !== "" && expected, `${name}: ${JSON.stringify(text)}`);
      checked += 1;
      if (expected) matched += 1;
    }
  }
  assert.ok(checked > 10_000 && matched > 500, `${checked} checks, ${matched} matching`);
});
