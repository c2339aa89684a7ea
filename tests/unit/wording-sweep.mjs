// The large wording table, in two files so that the fast tier's two workers share it:
// wording-settings.test.mjs (the Privacy settings' wordings, and the signal for names no
// pattern knows) and wording-steps.test.mjs (the consent popup's and the onboarding
// step's wordings).
import assert from "node:assert/strict";
import { test } from "node:test";
import { show, taken } from "./harness.mjs";
import { LABEL_VARIANTS, otherRow, SURFACES, SWITCH_KINDS } from "./pages.mjs";
import { LOCATION } from "./wordings.mjs";

const KINDS = Object.keys(SWITCH_KINDS);

// Where each wording is tried: every switch markup and labelling on the surfaces of its
// own kind, and every surface in the 2026 markup (a cross of all would cost 3x the time
// for combinations these two already cover).
const OWN_SURFACES = {
  popup: ["popup"],
  settings2025: ["settings2025"],
  settings2026: ["settings2026"],
  onboarding: ["onboarding"],
};
function combos(where) {
  const out = [];
  for (const surface of OWN_SURFACES[where] ?? Object.keys(SURFACES)) {
    for (const kind of KINDS) for (const variant of Object.keys(LABEL_VARIANTS)) out.push([surface, kind, variant]);
  }
  for (const surface of Object.keys(SURFACES)) {
    if (!(OWN_SURFACES[where] ?? []).includes(surface)) out.push([surface, "cds", "row"]);
  }
  return out;
}

/** Show each combination in `ext` with the training row `rowFor` builds; returns what failed. */
export function sweep(ext, lang, where, rowFor, expectBy) {
  const failures = [];
  let checked = 0;
  for (const [surfaceName, kind, variantName] of combos(where)) {
    const row = rowFor(kind, LABEL_VARIANTS[variantName]);
    if (!row) continue;
    const [locLabel, locDesc] = LOCATION[lang] ?? LOCATION.en;
    // Location row first, as on the real screen (facts §3), in the same markup.
    const body = otherRow(kind, locLabel, locDesc, "loc") + row.elsewhere + row.row;
    const page = SURFACES[surfaceName](lang, body);
    const got = taken(show(ext, page.url, page.html)).join(" ");
    const want = expectBy(surfaceName, variantName);
    checked += 1;
    if (got !== want) failures.push(`${surfaceName}/${kind}/${variantName}: want "${want}", got "${got}"`);
  }
  return { failures, checked };
}

/** The table's test for the training wording `w`: the switch everywhere it is tried. */
export function testWording(ext, w) {
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
