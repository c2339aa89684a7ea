// A switch's state as the page states it: on, off, or "unknown" when the page leaves it
// open (aria-checked="mixed") or contradicts itself. Never "off" on a contradiction: a
// false "opted out" is the worst thing the extension can say (hostile round 2, F4).
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension, show } from "./harness.mjs";

const ext = loadExtension();
const { PG } = ext;

/** stateOf() for a button switch with these attributes. */
function stateWith(attributes) {
  show(ext, "https://claude.ai/new", `<button type="button" role="switch" ${attributes}></button>`);
  return PG.detect.stateOf(ext.window.document.querySelector("[role=switch]"));
}

test("a state the page leaves indeterminate is unknown", () => {
  assert.equal(stateWith('aria-checked="mixed"'), "unknown");
  assert.equal(stateWith('aria-checked="mixed" data-unchecked=""'), "unknown");
  assert.equal(stateWith('data-state="indeterminate"'), "unknown");
});

test("signals that contradict each other are unknown, never off", () => {
  for (const attributes of [
    'aria-checked="false" data-checked=""',
    'aria-checked="true" data-unchecked=""',
    'aria-checked="false" data-state="checked"',
    'aria-checked="true" data-state="unchecked"',
    'data-checked="" data-unchecked=""',
  ]) {
    assert.equal(stateWith(attributes), "unknown", attributes);
  }
});

test("signals that agree give the state", () => {
  assert.equal(stateWith('aria-checked="true" data-checked="" data-state="checked"'), "on");
  assert.equal(stateWith('aria-checked="false" data-unchecked="" data-state="unchecked"'), "off");
  assert.equal(stateWith('data-state="checked"'), "on");
  assert.equal(stateWith('data-unchecked=""'), "off");
});

test("a native input whose aria-checked contradicts .checked is unknown, never off", () => {
  // A track painted from aria-checked shows "on" while .checked says off (hostile round 4, F7).
  const native = (attrs, checked) => {
    ext.window.document.body.innerHTML = `<input type="checkbox" role="switch" ${attrs}${checked ? " checked" : ""}>`;
    return PG.detect.stateOf(ext.window.document.querySelector("[role=switch]"));
  };
  assert.equal(native('aria-checked="true"', false), "unknown");
  assert.equal(native('aria-checked="false"', true), "unknown");
  assert.equal(native('aria-checked="mixed"', true), "unknown");
  assert.equal(native('aria-checked="true"', true), "on");
  assert.equal(native('aria-checked="false"', false), "off");
  assert.equal(native("", true), "on");
  assert.equal(native("", false), "off");
});
