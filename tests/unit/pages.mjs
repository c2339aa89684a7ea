// Page parts for the fast tier: switch kinds, ways a switch is labelled, and the
// surfaces it appears on, as claude-ui-facts.md §1-§4 describe them.
import { escapeHtml as esc } from "./harness.mjs";
import { ONBOARDING_HEADINGS, POPUP_TITLES, PRIVACY_TAB_NAMES } from "./wordings.mjs";

export const NEW = "https://claude.ai/new";
export const CHAT = "https://claude.ai/chat/0b4c7f6e-3f2a-4c1e-9d4a-5a8f2e1c9b70";
export const PRIVACY_2025 = "https://claude.ai/settings/data-privacy-controls";
export const PRIVACY_2026 = "https://claude.ai/new#settings/data-privacy-controls";
export const ONBOARDING = "https://claude.ai/onboarding";

/** The switch markups claude.ai has used; `attrs` names it. "on" unless on=false. */
export const SWITCH_KINDS = {
  // Native checkbox with role=switch (2025).
  native: (attrs, on = true) =>
    `<input type="checkbox" role="switch" ${attrs}${on ? " checked" : ""}>`,
  // Radix button (2025).
  radix: (attrs, on = true) =>
    `<button type="button" role="switch" aria-checked="${on}" data-state="${on ? "checked" : "unchecked"}" ${attrs}><span></span></button>`,
  // The consent popup's and onboarding step's switch (facts §0.1): a native input made
  // visually hidden (Tailwind's sr-only: clipped to nothing, track-sized by an inline
  // style) in a <label>, beside the track and knob a person sees and clicks.
  hidden: (attrs, on = true) =>
    `<label style="display:inline-flex"><span style="position:relative;display:inline-flex">` +
    `<input type="checkbox" role="switch" aria-checked="${on}" class="peer sr-only" style="position:absolute;width:36px;height:20px;clip-path:inset(50%);margin:-1px" ${attrs}${on ? " checked" : ""}>` +
    `<span data-track="" style="width:36px;height:20px"></span>` +
    `<span data-knob="" style="width:16px;height:16px"><svg><title>Check</title></svg></span></span></label>`,
  // 2026 design-system button and its hidden checkbox twin, which is never the switch.
  cds: (attrs, on = true) =>
    `<button type="button" role="switch" data-cds="Switch" aria-checked="${on}" ${on ? "data-checked" : "data-unchecked"}="" ${attrs}><span></span></button>` +
    `<input type="checkbox" aria-hidden="true" tabindex="-1" data-t="twin" style="position:absolute;width:1px;height:1px"${on ? " checked" : ""}>`,
};

/**
 * Ways the training switch gets its name. Each puts the wording only where the
 * association points (never in the switch's row, except for "row" and "wrap"), so a
 * pass proves that association is read. `id` makes ids unique per page.
 */
export const LABEL_VARIANTS = {
  labelledby: (kind, label, desc, id) => ({
    elsewhere: `<strong id="${id}-l">${esc(label)}</strong>`,
    row: `<div class="row"><span>${esc(desc)}</span>${SWITCH_KINDS[kind](`aria-labelledby="${id}-l" data-t="${id}"`)}</div>`,
  }),
  arialabel: (kind, label, desc, id) => ({
    elsewhere: "",
    row: `<div class="row"><span>${esc(desc)}</span>${SWITCH_KINDS[kind](`aria-label="${esc(label)}" data-t="${id}"`)}</div>`,
  }),
  // <label for> only names a native control.
  labelfor: (kind, label, desc, id) =>
    kind === "native"
      ? {
          elsewhere: `<label for="${id}-in">${esc(label)}</label>`,
          row: `<div class="row"><span>${esc(desc)}</span>${SWITCH_KINDS.native(`id="${id}-in" data-t="${id}"`)}</div>`,
        }
      : null,
  wrap: (kind, label, desc, id) => ({
    elsewhere: "",
    row: `<label class="row"><span>${esc(label)}</span> ${SWITCH_KINDS[kind](`data-t="${id}"`)}</label><p>${esc(desc)}</p>`,
  }),
  // A 2026 settings row: role=group named by its title, no label on the switch itself.
  row: (kind, label, desc, id) => ({
    elsewhere: "",
    row: `<div data-settings-row="" role="group" aria-labelledby="${id}-t" aria-describedby="${id}-d" class="row"><div><p id="${id}-t">${esc(label)}</p><p id="${id}-d">${esc(desc)}</p></div>${SWITCH_KINDS[kind](`data-t="${id}"`)}</div>`,
  }),
};

/** A settings row of another setting (location metadata) in the same markup. */
export const otherRow = (kind, label, desc, id) => LABEL_VARIANTS.row(kind, label, desc, id).row;

// The buttons that save the switch: the popup's Accept (the web app's catalogs, facts §5;
// zh inferred) and the onboarding step's Continue (the catalogs' entry that step uses;
// ja 「続ける」, ko "계속" overriding "계속하기"). Titles are in wordings.mjs; where none
// is known the popup's own link recognises it.
export const ACCEPT = {
  en: "Accept", es: "Aceptar", fr: "Accepter", de: "Akzeptieren", pt: "Aceitar",
  it: "Accetta", ja: "承認", ko: "수락", hi: "स्वीकार करें", id: "Terima", zh: "接受",
}; // prettier-ignore
export const CONTINUE = {
  en: "Continue", es: "Continuar", fr: "Continuer", de: "Weiter", pt: "Continuar",
  it: "Continua", ja: "続ける", ko: "계속", hi: "जारी रखें", id: "Lanjutkan",
}; // prettier-ignore
const POPUP_LINK = "https://www.anthropic.com/news/updates-to-our-consumer-terms";

/** Where the switch can be: { url, html(body), kind } for each surface. */
export const SURFACES = {
  popup: (lang, body) => ({
    url: NEW,
    kind: "popup",
    html:
      `<div id="root"><main>chat history</main></div>` +
      `<div role="dialog" aria-modal="true" aria-labelledby="pt" data-open="">` +
      `<h2 id="pt">${esc(POPUP_TITLES[lang]?.[0] ?? "…")}</h2>` +
      `<p>Read <a href="${POPUP_LINK}">the announcement</a>.</p>${body}` +
      `<button type="button">${esc(ACCEPT[lang] ?? "Accept")}</button><button type="button">Not now</button></div>`,
  }),
  settings2025: (lang, body) => ({
    url: PRIVACY_2025,
    kind: "settings",
    html: `<main><h1>${esc([PRIVACY_TAB_NAMES[lang] ?? "Privacy"].flat()[0])}</h1>${body}</main>`,
  }),
  settings2026: (lang, body) => ({
    url: PRIVACY_2026,
    kind: "settings",
    html:
      `<div id="root"><main>chat</main></div>` +
      `<div role="dialog" aria-label="Settings" aria-modal="true" data-open="" data-perf-overlay="settings_modal">` +
      `<nav><button type="button">General</button></nav>` +
      `<div data-perf-screen="data-privacy-controls"><h2>${esc([PRIVACY_TAB_NAMES[lang] ?? "Privacy"].flat()[0])}</h2><section data-settings-section="">${body}</section></div></div>`,
  }),
  // The overlay opened by the keyboard shortcut: no URL change, known by its marker.
  settings2026NoUrl: (lang, body) => ({
    ...SURFACES.settings2026(lang, body),
    url: NEW,
  }),
  onboarding: (lang, body) => ({
    url: ONBOARDING,
    kind: "onboarding",
    html:
      `<div class="onboarding" aria-modal="true"><h1>${esc(ONBOARDING_HEADINGS[lang] ?? "Before your first chat")}</h1>` +
      `<p>A few things to know, plus one setting to review</p>${body}` +
      `<button type="button">${esc(CONTINUE[lang] ?? "Continue")}</button></div>`,
  }),
};
