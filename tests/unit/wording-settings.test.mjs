// The large table, on the Privacy settings: every wording of the training switch there
// (language x generation), in every switch markup and way of labelling it, beside the
// location switch; then the language-free signal, for a name no pattern knows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension, show, taken } from "./harness.mjs";
import { LABEL_VARIANTS } from "./pages.mjs";
import { sweep, testWording } from "./wording-sweep.mjs";
import { TRAINING, TRAINING_DESCRIPTIONS, UNKNOWN_TITLES } from "./wordings.mjs";

const ext = loadExtension();

for (const w of TRAINING) if (w.where === "settings") testWording(ext, w);

// A name no pattern knows (a later rewording): on a recognised surface the one row
// naming Anthropic is the switch; the same row in an unknown dialog is not.
for (const [lang, title] of Object.entries(UNKNOWN_TITLES)) {
  test(`${lang}: a name no pattern knows, the row naming Anthropic is picked by the signal`, () => {
    const desc = TRAINING_DESCRIPTIONS[lang];
    const { failures } = sweep(
      ext,
      lang,
      "settings2026",
      (kind, variant) => variant(kind, title, desc, "T"),
      // Only where the description is in the switch's row can the signal see it.
      (surface, variant) => (["row", "labelledby", "arialabel", "labelfor"].includes(variant) ? "signal:T" : ""),
    );
    assert.deepEqual(failures, []);
  });

  test(`${lang}: the signal alone never picks a switch in an unknown dialog`, () => {
    const row = LABEL_VARIANTS.row("cds", title, TRAINING_DESCRIPTIONS[lang], "T").row;
    const html = `<div role="dialog" aria-modal="true"><h2>Share chat</h2>${row}<button>OK</button></div>`;
    assert.equal(taken(show(ext, "https://claude.ai/new", html)).join(" "), "");
  });
}
