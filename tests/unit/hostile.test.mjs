// Hostile and tricky pages: invisible characters, huge and deep DOMs, many switches,
// hidden copies, chat content that quotes the setting, and pages that cannot be told.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension, scan, show, taken } from "./harness.mjs";
import { CHAT, LABEL_VARIANTS, PRIVACY_2025 as PRIVACY_2025_URL, otherRow, PRIVACY_2026, SURFACES, SWITCH_KINDS } from "./pages.mjs";

const ext = loadExtension();
const { PG } = ext;
const doc = () => ext.window.document;
// Names neither the setting nor Anthropic: only the label under test can make the switch.
const DESC = "Change anytime in your Privacy Settings.";
const popup = (body) => SURFACES.popup("en", body);
const settings = (body) => SURFACES.settings2026("en", body);
const row = (label, id = "T", kind = "cds", desc = DESC) => LABEL_VARIANTS.row(kind, label, desc, id).row;
const takenOn = (page) => taken(show(ext, page.url, page.html)).join(" ");
// No time limits here: jsdom's selector engine is 100x slower than a browser's on long
// ancestor chains, so its timings say nothing; the browser tier's hostile pages do.

test("zero-width characters, soft hyphens and word joiners inside the words", () => {
  for (const label of [
    "Help\u200B improve\u00AD Claude",
    "H\u00ADelp im\u200Cprove Cl\u200Daude",
    "\uFEFFHelp improve\u2060 our AI models",
    "Claude\u200Bの\u200B改善に\u00ADご協力ください",
  ]) {
    assert.equal(takenOn(popup(row(label))), "wording:T", JSON.stringify(label));
  }
});

test("<wbr>, inline elements and no-break spaces inside the words", () => {
  const html = `<div role="group" aria-labelledby="t" aria-describedby="d" data-settings-row=""><p id="t">He<wbr>lp <b>imp</b>rove&nbsp;<span>Cl<wbr>aude</span></p><p id="d">x</p>${SWITCH_KINDS.cds('data-t="T"')}</div>`;
  assert.equal(takenOn(popup(html)), "wording:T");
  // A block boundary separates words: "Help improve" + <div>"Claude's answers"</div> is not the name.
  const split = `<label><span>Help improve</span><div>Claudes answers</div>${SWITCH_KINDS.native('data-t="T"')}</label>`;
  assert.equal(takenOn(popup(split)), "");
});

// Huge and deep parts are built with DOM calls and put in place of a <slot>: jsdom's
// HTML parser takes seconds for 1 MB of text or 1,000 nested tags, DOM calls milliseconds.
/** Show `page`, put `make()`'s node in place of its <slot>, and return what is taken. */
function takenWithSlot(page, make) {
  show(ext, page.url, page.html);
  doc().querySelector("slot").replaceWith(make(doc()));
  return taken(scan(ext)).join(" ");
}
const text = (value) => (d) => d.createTextNode(value);
/** `leaf` (HTML or a node maker) under `depth` nested <div>s. */
const nested = (depth, leaf) => (d) => {
  const top = d.createElement("div");
  let node = top;
  for (let i = 1; i < depth; i += 1) node = node.appendChild(d.createElement("div"));
  if (typeof leaf === "function") node.append(leaf(d));
  else node.insertAdjacentHTML("beforeend", leaf);
  return top;
};
const HUGE = "lorem ipsum ".repeat(90_000); // ≥ 1 MB

test("a 1 MB text in the switch's row does not hide it", () => {
  assert.ok(HUGE.length >= 1_000_000);
  const html = `<strong id="l">Help improve Claude</strong><div><slot></slot>${SWITCH_KINDS.cds('aria-labelledby="l" data-t="T"')}</div>`;
  assert.equal(takenWithSlot(popup(html), text(HUGE)), "wording:T");
});

test("a 1 MB label is read only up to its cap: the words at its start count, at its end not", () => {
  const labelled = popup(`<strong id="l"><slot></slot></strong><div>${SWITCH_KINDS.cds('aria-labelledby="l" data-t="T"')}</div>`);
  assert.equal(takenWithSlot(labelled, text(`Help improve Claude ${HUGE}`)), "wording:T");
  // Past the 2,000-character cap: nothing is claimed (a miss, never a false mark).
  assert.equal(takenWithSlot(labelled, text(`${HUGE} Help improve Claude`)), "");
});

test("a switch 1,000 levels deep is found; words 1,000 levels deep are not read", () => {
  const deepSwitch = popup(`<strong id="l">Help improve Claude</strong><slot></slot>`);
  const sw = SWITCH_KINDS.cds('aria-labelledby="l" data-t="T"');
  assert.equal(takenWithSlot(deepSwitch, nested(1000, sw)), "wording:T");
  const buried = popup(`<span id="l"><slot></slot></span>${SWITCH_KINDS.cds('aria-labelledby="l" data-t="T"')}`);
  assert.equal(takenWithSlot(buried, nested(1000, text("Help improve Claude"))), "");
  // The same words 30 levels down are read: the cap is about depth, not about nesting.
  assert.equal(takenWithSlot(buried, nested(30, text("Help improve Claude"))), "wording:T");
});

// 200, not the browser tier's 1,000: each identify() looks at every other switch, and
// in jsdom that costs ~3 ms a switch.
test("200 other switches: the training switch is still found, and only it", () => {
  const others = Array.from({ length: 200 }, (_, i) => otherRow("cds", `Setting ${i}`, "Claude does things", `o${i}`)).join("");
  const page = settings(others + row("Help improve our AI models"));
  show(ext, page.url, page.html);
  assert.equal(PG.detect.identify(doc().querySelector('[data-t="T"]')), "wording");
  for (const i of [0, 1, 99, 198, 199]) {
    assert.equal(PG.detect.identify(doc().querySelector(`[data-t="o${i}"]`)), null, `o${i}`);
  }
});

test("the hidden twin of a design-system switch is never the switch", () => {
  for (const on of [true, false]) {
    const page = popup(`<strong id="l">Help improve Claude</strong><div>${SWITCH_KINDS.cds('aria-labelledby="l" data-t="T"', on)}</div>`);
    assert.equal(takenOn(page), "wording:T");
    // A twin labelled like the switch is still hidden from people: not taken.
    const twin = doc().querySelector('[data-t="twin"]');
    twin.setAttribute("aria-labelledby", "l");
    assert.equal(PG.detect.identify(twin), null);
  }
});

test("switches a person cannot see are never taken", () => {
  const cases = {
    hidden: 'hidden=""',
    inert: 'inert=""',
    "aria-hidden": 'aria-hidden="true"',
    "display none": 'style="display:none"',
    "visibility hidden": 'style="visibility:hidden"',
    "opacity 0": 'style="opacity:0"',
    "1 px": 'style="width:1px;height:1px"',
    "off the page": 'style="position:absolute;left:-9999px"',
  };
  for (const [name, attrs] of Object.entries(cases)) {
    for (const onAncestor of [false, true]) {
      // An ancestor's size or position moves no box here (no layout): browser tier.
      if (onAncestor && /1 px|off the page/.test(name)) continue;
      const sw = SWITCH_KINDS.radix(`aria-label="Help improve Claude" data-t="T" ${onAncestor ? "" : attrs}`);
      const html = onAncestor ? `<div ${attrs}>${sw}</div>` : sw;
      assert.equal(takenOn(popup(html)), "", `${name}${onAncestor ? " (ancestor)" : ""}`);
    }
  }
  // Clipped away by a zero-size overflow:hidden wrapper.
  const clipped = `<div style="overflow:hidden;width:0px;height:0px">${SWITCH_KINDS.radix('aria-label="Help improve Claude" data-t="T"')}</div>`;
  assert.equal(takenOn(popup(clipped)), "");
  // A visible copy beside a hidden one in the opposite state: the visible one speaks.
  const pair = `<div hidden>${SWITCH_KINDS.radix('aria-label="Help improve Claude" data-t="H"', false)}</div>${SWITCH_KINDS.radix('aria-label="Help improve Claude" data-t="T"')}`;
  assert.equal(takenOn(popup(pair)), "wording:T");
});

test("task-list checkboxes and switches in chat messages are never taken, on any page", () => {
  const quote = (inside) =>
    `<div data-testid="transcript-row" data-perf-row="assistant"><div class="font-claude-response"><div data-cds="Prose">${inside}</div></div></div>`;
  const taskList = `<ul class="contains-task-list"><li><input type="checkbox" disabled data-t="task"> Help improve Claude</li><li><input type="checkbox" checked disabled data-t="task2"> Help improve our AI models</li></ul>`;
  const userTurn = `<div data-cds="UserMessage"><label>Help improve Claude ${SWITCH_KINDS.native('data-t="user"')}</label></div>`;
  for (const [url, wrap] of [
    [CHAT, (b) => `<main>${b}</main>`],
    [PRIVACY_2026.replace("/new", "/chat/x"), (b) => `<main>${b}</main>`],
    ["https://claude.ai/onboarding", (b) => `<main>${b}</main>`],
  ]) {
    assert.equal(takenOn({ url, html: wrap(quote(taskList) + userTurn) }), "", url);
  }
  // The settings overlay over that chat: only the real switch is taken.
  const overChat = settings(row("Help improve our AI models"));
  const html = `<main>${quote(taskList)}</main>${overChat.html}`;
  assert.equal(takenOn({ url: `${CHAT}#settings/data-privacy-controls`, html }), "wording:T");
});

test("a switch without words of its own never borrows them from a chat message beside it", () => {
  // Found by the browser tier's generated pages: a switch named only by aria-label
  // ("Research") climbed past its empty row to a container that also held a quoted chat
  // message with the setting's words, and was taken as the training switch.
  const lone = `<div class="row">${SWITCH_KINDS.radix('aria-label="Research" data-t="R"', false)}</div>`;
  const chat = `<div data-testid="user-message"><div class="row"><span id="q">You can help improve Claude</span>${SWITCH_KINDS.radix('aria-labelledby="q" data-t="Q"', false)}</div></div>`;
  for (const url of [PRIVACY_2025_URL, CHAT]) {
    assert.equal(takenOn({ url, html: `<main>${lone}${chat}</main>` }), "", url);
  }
});

test("two switches that both qualify: neither is taken", () => {
  const stale = (kindA, kindB) => row("Help improve Claude", "A", kindA) + row("Help improve our AI models", "B", kindB);
  for (const [a, b] of [["cds", "cds"], ["native", "radix"], ["radix", "cds"]]) {
    assert.equal(takenOn(popup(stale(a, b))), "", `popup ${a}/${b}`);
    assert.equal(takenOn(settings(stale(a, b))), "", `settings ${a}/${b}`);
  }
  // Two rows that both name Anthropic, in a language with no wording: the signal cannot tell.
  const it = row("Aiuta a migliorare", "A", "cds", "… modelli di IA di Anthropic.") + row("Altro", "B", "cds", "Anthropic …");
  assert.equal(takenOn(settings(it)), "");
  // One qualifies by wording, the other by the signal only: the wording wins.
  const mixed = row("Help improve Claude", "A") + row("Other", "B", "cds", "Anthropic news");
  assert.equal(takenOn(settings(mixed)), "wording:A");
});

test("a switch in a popover or toast, or outside any surface, is not taken by the signal", () => {
  const sw = row("Aiuta a migliorare", "T", "cds", "… modelli di IA di Anthropic.");
  assert.equal(takenOn({ url: CHAT, html: `<main>${sw}</main>` }), "");
  assert.equal(takenOn({ url: CHAT, html: `<div role="dialog" data-cds="Popover">${sw}</div>` }), "");
  assert.equal(takenOn({ url: CHAT, html: `<div role="dialog" data-cds="Toast">${sw}</div>` }), "");
  // Another settings tab, even with the Privacy URL still showing.
  const other = `<div role="dialog" aria-label="Settings" data-perf-overlay="settings_modal"><div data-perf-screen="notifications">${sw}</div></div>`;
  assert.equal(takenOn({ url: PRIVACY_2026, html: other }), "");
});

test("the Privacy screen: found by marker or URL, not on its export sub-screen", () => {
  const d = PG.detect;
  show(ext, "https://claude.ai/new", settings(row("x")).html);
  assert.ok(d.privacyScreen()?.matches('[data-perf-screen="data-privacy-controls"]'));
  show(ext, PRIVACY_2026, "<main>loading…</main>");
  assert.equal(d.privacyScreen(), doc().body);
  show(ext, `${PRIVACY_2026}/export-data`, "<main>Export</main>");
  assert.equal(d.privacyScreen(), null);
  const exportPanel = `<div role="dialog" aria-label="Settings"><div data-perf-screen="data-privacy-controls"><div role="radiogroup"></div></div></div>`;
  show(ext, "https://claude.ai/new", exportPanel);
  assert.equal(d.privacyScreen(), null);
  show(ext, "https://claude.ai/onboarding", SURFACES.onboarding("en", "").html);
  assert.equal(d.onboardingStep(), doc().body);
  show(ext, "https://claude.ai/onboarding", "<h1>Tell us about you</h1>");
  assert.equal(d.onboardingStep(), null);
});

// A switch whose row has no words yet (they render late) must not borrow words from
// further up: the Privacy panel's intro names Anthropic ("Anthropic believes in
// transparent data practices…"), so the signal would take the location switch.
test("a settings row without words yet does not borrow the panel intro's words", () => {
  const intro = "<p>Anthropic crede in pratiche trasparenti sui dati.</p>";
  const emptyRow = `<div data-settings-row=""><div><p></p><p></p></div>${SWITCH_KINDS.cds('data-t="LOC"')}</div>`;
  assert.equal(takenOn(SURFACES.settings2026("it", intro + emptyRow)), "");
});

test(
  "an unmarked 2025 settings page: a lone switch without words does not borrow the intro's",
  { todo: "known gap: rowOf climbs to any ancestor with text when no settings-row marker bounds it" },
  () => {
    const intro = "<p>Anthropic crede in pratiche trasparenti sui dati.</p>";
    assert.equal(takenOn(SURFACES.settings2025("it", `${intro}<div><div>${SWITCH_KINDS.native('data-t="LOC"')}</div></div>`)), "");
  },
);

// The location row in a wording we do not know ("लोकेशन", a transliteration, for the
// catalogs' "स्थान"), its description citing Anthropic's privacy policy; the training
// row's description naming no brand. The location switch must not be taken for the
// training switch by the signal (hostile round 2, F1); the training row is found by its
// own name, the catalogs' Hindi wording.
test("a location row in another spelling that cites Anthropic is not the training switch", () => {
  const location = row(
    "लोकेशन मेटाडेटा",
    "LOC",
    "cds",
    "Claude को अनुमानित लोकेशन मेटाडेटा (शहर/क्षेत्र) का उपयोग करने दें। Anthropic की गोपनीयता नीति देखें।",
  );
  const training = row(
    "हमारे AI मॉडल को बेहतर बनाने में मदद करें",
    "T",
    "cds",
    "हमारे AI मॉडल को प्रशिक्षित करने और बेहतर बनाने के लिए अपनी चैट और कोडिंग सत्रों के उपयोग की अनुमति दें।",
  );
  assert.equal(takenOn(SURFACES.settings2026("hi", location + training)), "wording:T");
  assert.equal(takenOn(SURFACES.settings2026("hi", location)), "");
  // Other spellings of "location" with the word for metadata: ruled out as well.
  for (const label of ["ロケーションメタデータ", "Posizione (metadati)", "Geo-Metadaten", "Métadonnées de lieu"]) {
    const loc = row(label, "LOC", "cds", "Anthropic …");
    assert.equal(takenOn(SURFACES.settings2026("en", loc)), "", label);
  }
});
