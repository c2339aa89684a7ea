// The large wording table's sweep, shared by wording-table.test.mjs (every wording of
// the training switch) and wording.test.mjs (the signal, for names no pattern knows).
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
