// What a person can see: the visually hidden native switch of the consent popup and the
// onboarding step (facts §0.1) counts by its track, and only while that track can be
// seen; a copy whose track, label or wrapper hides it never counts. Real layout (sizes
// from stylesheets, hit tests through real clipping) is the browser tier's
// (tests/test_real_surfaces.py); here boxes and styles come from inline styles.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExtension, show, taken } from "./harness.mjs";
import { SURFACES, SWITCH_KINDS } from "./pages.mjs";

const ext = loadExtension();
const { PG } = ext;
const LABEL = "Help improve our AI models";
const DESC = "Allow the use of your chats and coding sessions to train and improve Anthropic AI models.";

/** The popup's row with the hidden switch; `around` wraps the switch's <label>. */
function popupRow({ on = true, around = (html) => html, edit = (html) => html } = {}) {
  const sw = edit(SWITCH_KINDS.hidden('aria-labelledby="hl" data-t="T"', on));
  return `<div class="row"><div><span id="hl">${LABEL}</span><p>${DESC}</p></div>${around(sw)}</div>`;
}

function takenOn(row, surface = "popup") {
  const page = SURFACES[surface]("en", row);
  return taken(show(ext, page.url, page.html)).join(" ");
}

test("the visually hidden switch counts by its track, on the popup and the onboarding step", () => {
  assert.equal(takenOn(popupRow()), "wording:T");
  assert.equal(takenOn(popupRow(), "onboarding"), "wording:T");
  const el = ext.window.document.querySelector('[data-t="T"]');
  assert.equal(PG.detect.controlOf(el), ext.window.document.querySelector("[data-track]"));
});

test("the 1-px sr-only input of Tailwind v3 (clip: rect) counts by its track too", () => {
  const v3 = (html) =>
    html.replace("width:36px;height:20px;clip-path:inset(50%)", "width:1px;height:1px;clip:rect(0, 0, 0, 0)");
  assert.equal(takenOn(popupRow({ edit: v3 })), "wording:T");
});

const HIDDEN_TRACKS = {
  "track display:none, knob display:none": (html) =>
    html.replace('data-track="" style="', 'data-track="" style="display:none;').replace('data-knob="" style="', 'data-knob="" style="display:none;'),
  "track and knob visibility:hidden": (html) =>
    html.replace('<span style="position:relative', '<span style="visibility:hidden;position:relative'),
  "label opacity 0": (html) => html.replace('<label style="', '<label style="opacity:0;'),
  "label clipped by a clip-path": (html) => html.replace('<label style="', '<label style="clip-path:inset(50%);'),
  "label pushed off-stage": (html) =>
    html
      .replace('data-track="" style="', 'data-track="" style="left:-10000px;')
      .replace('data-knob="" style="', 'data-knob="" style="left:-10000px;'),
  "label hidden": (html) => html.replace("<label ", "<label hidden "),
  "label aria-hidden": (html) => html.replace("<label ", '<label aria-hidden="true" '),
};

for (const [name, edit] of Object.entries(HIDDEN_TRACKS)) {
  test(`a copy of the hidden switch whose ${name} never counts`, () => {
    assert.equal(takenOn(popupRow({ edit })), "");
  });
}

test("a track marked aria-hidden (decoration) still draws the switch; a hidden label does not", () => {
  // The input carries the name and state; the drawn track is decoration, and aria-hidden
  // on it is what a careful page writes (hostile round 4, F5).
  const decorative = (html) =>
    html.replace('data-track=""', 'data-track="" aria-hidden="true"').replace('data-knob=""', 'data-knob="" aria-hidden="true"');
  assert.equal(takenOn(popupRow({ edit: decorative })), "wording:T");
  const inertTrack = (html) => html.replace('data-track=""', 'data-track="" inert').replace('data-knob=""', 'data-knob="" inert');
  assert.equal(takenOn(popupRow({ edit: inertTrack })), "");
});

test("a copy of the hidden switch inside a zero-size overflow:hidden wrapper never counts", () => {
  const around = (html) => `<div style="width:0px;height:0px;overflow:hidden"><div>${html}</div></div>`;
  assert.equal(takenOn(popupRow({ around })), "");
});

test("a hidden input with no track, or a track outside its label, never counts", () => {
  const noTrack = (html) => html.replace(/<span data-track[^>]*><\/span><span data-knob[^>]*>.*?<\/span>/, "");
  assert.equal(takenOn(popupRow({ edit: noTrack })), "");
  // Without a <label> a click on the drawn track would not reach the input.
  const unlabelled = (html) => html.replace("<label ", "<div ").replace("</label>", "</div>");
  assert.equal(takenOn(popupRow({ edit: unlabelled })), "");
});

test("a hidden input beside words only has no switch a person sees", () => {
  // The label's text is what shows; no track or knob draws a state.
  const words = (html) =>
    html.replace(/<span data-track[^>]*><\/span><span data-knob[^>]*>.*?<\/span>/, `<span>${LABEL}</span>`);
  assert.equal(takenOn(popupRow({ edit: words })), "");
});

test("the live hidden switch beside a hidden copy in the other state is the one taken", () => {
  const copy = popupRow({ on: false, edit: HIDDEN_TRACKS["label opacity 0"] }).replaceAll('data-t="T"', 'data-t="copy"').replaceAll('"hl"', '"hc"');
  const live = popupRow();
  assert.equal(takenOn(copy + live), "wording:T");
});

test("a copy all but transparent (its track or its label at 1% opacity) never counts", () => {
  const faintTrack = (html) =>
    html.replace('data-track="" style="', 'data-track="" style="opacity:0.01;').replace('data-knob="" style="', 'data-knob="" style="opacity:0.01;');
  assert.equal(takenOn(popupRow({ edit: faintTrack })), "");
  const faintLabel = (html) => html.replace('<label style="', '<label style="opacity:0.05;');
  assert.equal(takenOn(popupRow({ edit: faintLabel })), "");
  // Half-transparent is how a disabled switch looks: still seen.
  const dimmed = (html) => html.replace('<label style="', '<label style="opacity:0.5;');
  assert.equal(takenOn(popupRow({ edit: dimmed })), "wording:T");
});
