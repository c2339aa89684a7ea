// Properties (fast-check): normalisation, and identify() under text a page can throw at
// it. A failure prints the seed and the shrunk input; FC_SEED=<seed> replays it.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { loadExtension, show, taken } from "./harness.mjs";
import { LABEL_VARIANTS, SURFACES, SWITCH_KINDS } from "./pages.mjs";
import { TRAINING, UNKNOWN_TITLES } from "./wordings.mjs";

const ext = loadExtension();
const { normalize } = ext.PG.text;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
// Text properties are cheap; page properties cost a jsdom page each.
const TEXT = { numRuns: 1000, seed };
const PAGE = { numRuns: 40, seed };

const INVISIBLE = ["\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];
const SPACES = [" ", "  ", "\u00A0", "\u202F", "\u3000", "\n", "\t"];
const anyText = fc.string({ unit: "binary", maxLength: 60 });
const wording = fc.constantFrom(...TRAINING.map((w) => w.label));
const kind = fc.constantFrom(...Object.keys(SWITCH_KINDS));
const variant = fc.constantFrom(...Object.keys(LABEL_VARIANTS));
const surface = fc.constantFrom(...Object.keys(SURFACES));

/** `text` with invisible characters inserted at random places. */
const sprinkled = (text) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(...INVISIBLE)), { maxLength: 8 })
    .map((inserts) => {
      const chars = [...text];
      for (const [at, ch] of inserts.sort((a, b) => b[0] - a[0])) chars.splice(Math.min(at, chars.length), 0, ch);
      return chars.join("");
    });

/** `text` with each space replaced by some white space, and letters in random case. */
const respaced = (text) =>
  fc
    .tuple(fc.array(fc.constantFrom(...SPACES), { minLength: 8, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }))
    .map(([spaces, upper]) => {
      let i = 0;
      return [...text]
        .map((ch, j) => (ch === " " ? spaces[i++ % spaces.length] : upper[j % 64] ? ch.toUpperCase() : ch))
        .join("");
    });

/** The training switch on a page; returns what identify() takes. */
function takenWith(label, k, v, s) {
  const row = LABEL_VARIANTS[v](k, label, "Change anytime in your Privacy Settings.", "T");
  if (!row) return null; // labelfor names only native switches
  const page = SURFACES[s]("en", row.elsewhere + row.row);
  return taken(show(ext, page.url, page.html)).join(" ");
}

test("normalize is idempotent and leaves no invisible characters or loose white space", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const once = normalize(text);
      assert.equal(normalize(once), once);
      assert.ok(!/[\u00AD\u200B-\u200D\u2060\uFEFF]/.test(once), JSON.stringify(once));
      assert.ok(!/^\s|\s$|\s\s/u.test(once), JSON.stringify(once));
    }),
    TEXT,
  );
});

test("normalize gives what detection.yaml documents, ASCII or not", () => {
  // The documented steps, all of them, for every text: normalize() skips those that
  // cannot change ASCII text, and must give the same.
  const documented = (text) =>
    text
      .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
      .normalize("NFKC")
      .replace(/[\u2010-\u2013\u2212\uFE63\uFF0D]/g, "-")
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g, '"')
      .replace(/\s+/gu, " ")
      .trim()
      .toLowerCase();
  const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 60 });
  fc.assert(
    fc.property(fc.oneof(anyText, asciiText), (text) => assert.equal(normalize(text), documented(text))),
    TEXT,
  );
});

test("normalize ignores invisible characters, white space kinds and case in the wordings", () => {
  fc.assert(
    fc.property(
      wording.chain((w) => fc.tuple(fc.constant(w), sprinkled(w).chain(respaced))),
      ([w, variantText]) => assert.equal(normalize(variantText), normalize(w)),
    ),
    TEXT,
  );
});

test("a known wording with invisible characters and odd spaces anywhere is still the switch", () => {
  fc.assert(
    fc.property(
      wording.chain((w) => sprinkled(w).chain(respaced)),
      kind,
      variant,
      surface,
      (label, k, v, s) => {
        const got = takenWith(label, k, v, s);
        if (got !== null) assert.equal(got, "wording:T", JSON.stringify(label));
      },
    ),
    PAGE,
  );
});

test("random text never makes a switch the training switch", () => {
  const unrelated = fc.oneof(fc.lorem({ maxCount: 12 }), anyText);
  fc.assert(
    fc.property(unrelated, kind, variant, surface, (label, k, v, s) => {
      const got = takenWith(label, k, v, s);
      assert.ok(got === null || got === "", `${JSON.stringify(label)}: ${got}`);
    }),
    PAGE,
  );
});

test("the words of two qualifying switches in any order and markup: neither is taken", () => {
  fc.assert(
    fc.property(wording, wording, kind, kind, surface, (a, b, ka, kb, s) => {
      const rows = LABEL_VARIANTS.row(ka, a, "x", "A").row + LABEL_VARIANTS.row(kb, b, "y", "B").row;
      const page = SURFACES[s]("en", rows);
      assert.equal(taken(show(ext, page.url, page.html)).join(" "), "");
    }),
    PAGE,
  );
});

test("the signal picks the one row naming Anthropic, wherever it sits among other rows", () => {
  const title = fc.constantFrom(...Object.values(UNKNOWN_TITLES));
  fc.assert(
    fc.property(title, fc.nat({ max: 5 }), fc.nat({ max: 5 }), kind, (t, before, after, k) => {
      const other = (i) => LABEL_VARIANTS.row(k, `Option ${i}`, "Claude can do this.", `o${i}`).row;
      const rows = [
        ...Array.from({ length: before }, (_, i) => other(i)),
        LABEL_VARIANTS.row(k, t, "… Anthropic …", "T").row,
        ...Array.from({ length: after }, (_, i) => other(before + i)),
      ].join("");
      const page = SURFACES.settings2026("it", rows);
      assert.equal(taken(show(ext, page.url, page.html)).join(" "), "signal:T");
    }),
    PAGE,
  );
});
