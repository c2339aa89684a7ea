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
