// The wordings beside the large table (wording-settings.test.mjs, wording-steps.test.mjs):
// the location switch, the surfaces, Accept and Continue, the lock note, and coverage of
// detection.yaml.
import assert from "node:assert/strict";
import { test } from "node:test";
import { detectionYaml, loadExtension, show, taken } from "./harness.mjs";
import { ACCEPT, CONTINUE, LABEL_VARIANTS, otherRow, SURFACES, SWITCH_KINDS } from "./pages.mjs";
import {
  LOCATION,
  LOCK_NOTES,
  NOT_TAB_NAMES,
  ONBOARDING_HEADINGS,
  POPUP_TITLES,
  PRIVACY_TAB_NAMES,
  TRAINING,
  TRAINING_DESCRIPTIONS,
  UNKNOWN_TITLES,
} from "./wordings.mjs";

const ext = loadExtension();
const { PG } = ext;
const yaml = detectionYaml();
const KINDS = Object.keys(SWITCH_KINDS);

test("the location switch is never taken, in any language, even when it names Anthropic", () => {
  const failures = [];
  for (const [i, [lang, [label, desc]]] of Object.entries(LOCATION).entries()) {
    for (const surface of Object.keys(SURFACES)) {
      for (const kind of [KINDS[i % KINDS.length]]) {
        // Its own row; one whose description names Anthropic; its name beside the
        // training words in one label (the location words win).
        const rows =
          otherRow(kind, label, desc, "L1") +
          otherRow(kind, label, `${desc} Anthropic`, "L2") +
          otherRow(kind, `${label} — Help improve Claude`, desc, "L3");
        const page = SURFACES[surface](lang, rows);
        const got = taken(show(ext, page.url, page.html)).join(" ");
        if (got) failures.push(`${lang}/${surface}/${kind}: got ${got}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test("every surface is recognised as what it is", () => {
  const failures = [];
  for (const lang of Object.keys(ACCEPT)) {
    for (const [name, surface] of Object.entries(SURFACES)) {
      const page = surface(lang, LABEL_VARIANTS.row("cds", "x", "y", "T").row);
      show(ext, page.url, page.html);
      const el = ext.window.document.querySelector('[data-t="T"]');
      const kind = PG.detect.surfaceOf(el).kind;
      if (kind !== page.kind) failures.push(`${lang}/${name}: ${kind}`);
    }
  }
  assert.deepEqual(failures, []);
});

test("Accept (popup) and Continue (onboarding) are found in every language with a rule", () => {
  const failures = [];
  for (const [lang, word] of Object.entries(ACCEPT)) {
    const page = SURFACES.popup(lang, SWITCH_KINDS.cds('data-t="T"'));
    show(ext, page.url, page.html);
    const button = PG.detect.confirmButtonFor(ext.window.document.querySelector('[data-t="T"]'), "popup");
    if (button?.textContent !== word) failures.push(`popup ${lang}: ${button?.textContent}`);
  }
  for (const [lang, word] of Object.entries(CONTINUE)) {
    const page = SURFACES.onboarding(lang, SWITCH_KINDS.cds('data-t="T"'));
    show(ext, page.url, page.html);
    const button = PG.detect.confirmButtonFor(ext.window.document.querySelector('[data-t="T"]'), "onboarding");
    if (button?.textContent !== word) failures.push(`onboarding ${lang}: ${button?.textContent}`);
    if (PG.detect.isConfirmButton(button, "popup") && word !== ACCEPT[lang]) {
      failures.push(`onboarding ${lang}: "${word}" also counts as Accept`);
    }
  }
  assert.deepEqual(failures, []);
});

test("the state is read from every switch markup", () => {
  for (const kind of KINDS) {
    for (const on of [true, false]) {
      show(ext, "https://claude.ai/new", SWITCH_KINDS[kind]('data-t="T"', on));
      const el = ext.window.document.querySelector('[data-t="T"]');
      assert.equal(PG.detect.stateOf(el), on ? "on" : "off", `${kind} ${on}`);
    }
  }
});

// Coverage: the table above must exercise what detection.yaml says, and the build
// must ship what detection.yaml says.
const norm = PG.text.normalize;
const byLang = (block) => Object.entries(block);

test("every training wording pattern in detection.yaml is exercised by a real wording", () => {
  const unexercised = [];
  for (const [lang, patterns] of byLang(yaml.training_switch.labels)) {
    for (const p of patterns) {
      const re = new RegExp(p, PG.text.FLAGS);
      if (!TRAINING.some((w) => w.lang === lang && re.test(norm(w.label)))) unexercised.push(`${lang}: ${p}`);
    }
  }
  assert.deepEqual(unexercised, []);
});

test("every language detection.yaml rules the location switch out in has a location row here", () => {
  for (const [lang, patterns] of byLang(yaml.training_switch.not_labels)) {
    assert.ok(LOCATION[lang], `no location row for ${lang}`);
    const res = patterns.map((p) => new RegExp(p, PG.text.FLAGS));
    assert.ok(res.some((re) => re.test(norm(LOCATION[lang][0]))), `${lang}: ${LOCATION[lang][0]}`);
  }
  for (const lang of Object.keys(yaml.consent_popup.accept_buttons)) assert.ok(ACCEPT[lang], lang);
  for (const lang of Object.keys(yaml.onboarding.continue_buttons)) assert.ok(CONTINUE[lang], lang);
  for (const lang of Object.keys(yaml.consent_popup.titles)) assert.ok(POPUP_TITLES[lang], lang);
  for (const lang of Object.keys(yaml.onboarding.headings)) assert.ok(ONBOARDING_HEADINGS[lang], lang);
});

// Real words for every other per-language list of detection.yaml: each pattern is
// exercised by a wording of its language, and each wording is matched by its language.
const asList = (byLang) => Object.fromEntries(Object.entries(byLang).map(([l, w]) => [l, [w].flat()]));
const EXAMPLES = {
  "consent_popup.titles": POPUP_TITLES,
  "consent_popup.accept_buttons": asList(ACCEPT),
  "consent_popup.lock_notes": LOCK_NOTES,
  "onboarding.headings": asList(ONBOARDING_HEADINGS),
  "onboarding.continue_buttons": asList(CONTINUE),
  "privacy_settings.tab_names": asList(PRIVACY_TAB_NAMES),
};
for (const [key, examples] of Object.entries(EXAMPLES)) {
  test(`${key}: every pattern has real words, every language's words match`, () => {
    const [block, list] = key.split(".");
    const problems = [];
    for (const [lang, patterns] of byLang(yaml[block][list])) {
      const res = patterns.map((p) => new RegExp(p, PG.text.FLAGS));
      const words = (examples[lang] ?? []).map(norm);
      for (const [i, re] of res.entries()) {
        if (!words.some((w) => re.test(w))) problems.push(`${lang}: no words for ${patterns[i]}`);
      }
      for (const w of words) if (!res.some((re) => re.test(w))) problems.push(`${lang}: "${w}" unmatched`);
    }
    for (const lang of Object.keys(examples)) {
      if (!yaml[block][list][lang]) problems.push(`${lang}: words here, no patterns in detection.yaml`);
    }
    assert.deepEqual(problems, []);
  });
}

test("the Privacy screen's name matches in every language, no other settings word does", () => {
  // Patterns of every language are tried on every page.
  const names = Object.values(yaml.privacy_settings.tab_names)
    .flat()
    .map((p) => new RegExp(p, PG.text.FLAGS));
  const problems = [];
  for (const [lang, words] of Object.entries(PRIVACY_TAB_NAMES)) {
    for (const word of [words].flat()) {
      if (!names.some((re) => re.test(norm(word)))) problems.push(`${lang}: ${word} not matched`);
      // The nav button's whole text only: not a sentence or a longer name holding it.
      const longer = [`${word} settings`, `Open ${word}`, `${word}: ${word}`];
      for (const w of longer) if (names.some((re) => re.test(norm(w)))) problems.push(`${lang}: "${w}"`);
    }
  }
  for (const [lang, words] of Object.entries(NOT_TAB_NAMES)) {
    for (const w of words) if (names.some((re) => re.test(norm(w)))) problems.push(`${lang}: "${w}" matched`);
  }
  assert.deepEqual(problems, []);
});

test("the lock note matches in every language; the rows' own words never do", () => {
  const notes = Object.values(yaml.consent_popup.lock_notes)
    .flat()
    .map((p) => new RegExp(p, PG.text.FLAGS));
  const problems = [];
  for (const [lang, words] of Object.entries(LOCK_NOTES)) {
    for (const w of words) {
      // Alone, and inside the description it sits under.
      const inRow = `${TRAINING_DESCRIPTIONS[lang]} ${w}`;
      if (!notes.some((re) => re.test(norm(w)) && re.test(norm(inRow)))) problems.push(`${lang}: ${w}`);
    }
  }
  const others = [
    ...TRAINING.map((w) => w.label),
    ...Object.values(TRAINING_DESCRIPTIONS),
    ...Object.values(LOCATION).flat(),
    ...Object.values(POPUP_TITLES).flat(),
  ];
  for (const w of others) if (notes.some((re) => re.test(norm(w)))) problems.push(`matched: "${w}"`);
  assert.deepEqual(problems, []);
});

// Facts §1: for an excluded email domain the popup's input is disabled and off, with the
// lock note under the description. The note's words never keep the row from being the
// training switch, and the switch reads off and locked (main.js then waits out the
// settle time before it says so).
for (const [lang, [note]] of Object.entries(LOCK_NOTES)) {
  test(`${lang}: the org-domain lock note leaves the popup's hidden switch off and locked`, () => {
    const label = TRAINING.filter((w) => w.lang === lang && w.gen === 2026).at(-1).label;
    const off = SWITCH_KINDS.hidden('aria-labelledby="lk" disabled data-t="T"', false);
    const row = `<div class="row"><div><span id="lk">${label}</span><p>${TRAINING_DESCRIPTIONS[lang]}</p><p>${note}</p></div>${off}</div>`;
    const page = SURFACES.popup(lang, row);
    assert.equal(taken(show(ext, page.url, page.html)).join(" "), "wording:T");
    const el = ext.window.document.querySelector('[data-t="T"]');
    assert.equal(PG.detect.stateOf(el), "off");
    assert.equal(PG.detect.isLocked(el), true);
  });
}

test("no made-up name stands for a real wording", () => {
  const labels = Object.values(yaml.training_switch.labels)
    .flat()
    .map((p) => new RegExp(p, PG.text.FLAGS));
  for (const [lang, title] of Object.entries(UNKNOWN_TITLES)) {
    assert.ok(!labels.some((re) => re.test(norm(title))), `${lang}: "${title}" matches a label pattern`);
  }
});

test("the build ships detection.yaml's wording, and every pattern compiles", () => {
  const flat = (block) => [...new Set(Object.values(block).flat())]; // each wording once
  const d = JSON.parse(JSON.stringify(ext.data.detection)); // out of the jsdom realm
  assert.deepEqual(d.trainingLabels, flat(yaml.training_switch.labels));
  assert.deepEqual(d.notLabels, flat(yaml.training_switch.not_labels));
  assert.deepEqual(d.acceptButtons, flat(yaml.consent_popup.accept_buttons));
  assert.deepEqual(d.popupTitles, flat(yaml.consent_popup.titles));
  // The lock notes stay out of the page: a `disabled` input is what reads as locked
  // (builder/render.py NOT_IN_PAGE; the org-lock test below).
  assert.equal(d.lockNotes, undefined);
  assert.deepEqual(d.onboardingHeadings, flat(yaml.onboarding.headings));
  assert.deepEqual(d.continueButtons, flat(yaml.onboarding.continue_buttons));
  assert.deepEqual(d.privacyTabNames, flat(yaml.privacy_settings.tab_names));
  assert.deepEqual(ext.logged, [], "the content scripts logged while loading");
});
