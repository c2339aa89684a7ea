// The large table: every wording of the training switch (language x generation) on
// every surface, in every switch markup and every way of labelling it, beside the
// location switch (wording.test.mjs has the rest of the wordings: a file of its own, so
// the fast tier's two workers share the time).
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension } from "./harness.mjs";
import { sweep } from "./wording-sweep.mjs";
import { TRAINING } from "./wordings.mjs";

const ext = loadExtension();

for (const w of TRAINING) {
  test(`${w.lang} ${w.gen} "${w.label}" is the training switch everywhere`, () => {
    // A description that neither names the setting nor Anthropic: only the label can
    // make the switch (the real English description matches a pattern of its own).
    const desc = "Change anytime in your Privacy Settings.";
    const { failures, checked } = sweep(
      ext,
      w.lang,
      w.where === "settings" ? `settings${w.gen}` : w.where,
      (kind, variant) => variant(kind, w.label, desc, "T"),
      () => "wording:T",
    );
    assert.ok(checked >= 15, `only ${checked} pages`);
    assert.deepEqual(failures, []);
  });
}
