// Detection: is this element the AI-training switch, can a person see it, what state is
// it in, on which surface (consent popup, onboarding step or Privacy settings), and which
// button saves the choice there. Rules come from policy_data/detection.yaml via the
// generated PRIVACY_GUARD_DATA; nothing here names a phrase or a claude.ai class.
import data from "../generated/content-data.js";
import { normalize, compile, matchesAny } from "./text.js";

const rules = data.detection;

const SWITCH = rules.switchSelectors.join(",");
const IGNORE = rules.ignoreInside.join(",");
const PANELS = rules.settingsPanels.join(",");
const SCREENS = rules.settingsScreens.join(",");
const SUB_SCREEN_MARKS = rules.settingsSubScreenMarks.join(",");
const OVERLAYS = rules.settingsOverlays.join(",");
const CURRENT_TABS = rules.settingsCurrentTabs.join(",");
const FEEDBACK_FIELDS = rules.feedbackFields.join(",");
const FEEDBACK_NOTES = rules.feedbackNotes.join(",");
const ROWS = rules.settingsRows.join(",");
const DIALOG = rules.dialogSelectors.join(",");
const NOT_DIALOG = rules.notDialogs.join(",");
const HIDDEN = '[hidden],[inert],[aria-hidden="true"]';
const DRAWN_HIDDEN = "[hidden],[inert]";
const labels = compile(rules.trainingLabels);
const notLabels = compile(rules.notLabels);
const rowMentions = compile(rules.rowMentions);
const titles = compile(rules.popupTitles);
const popupLinks = compile(rules.popupLinks);
const acceptButtons = compile(rules.acceptButtons);
const continueButtons = compile(rules.continueButtons);
const onboardingPaths = compile(rules.onboardingPaths);
const onboardingHeadings = compile(rules.onboardingHeadings);
const settingsPaths = compile(rules.settingsPaths);
const settingsHashes = compile(rules.settingsHashes);
const subScreens = compile(rules.settingsSubScreens);
const privacyTabs = compile(rules.privacyTabNames);
// How far up from a switch we look for its row text; rows are shallow in practice.
const MAX_ROW_DEPTH = 6;
const MAX_ROW_TEXT = 800;
// Labels are short; a huge text node (a pasted log, say) is cut before normalising
// so one odd element cannot cost more than a few microseconds.
const MAX_LABEL_TEXT = 2000;
// Text deeper than this below a label is not read (a 5,000-deep hostile DOM).
const MAX_TEXT_DEPTH = 40;
// Smaller than this (px) is not a switch a person can see (sr-only copies are 1 px).
const MIN_SIZE = 4;
// Fainter than this (the product of the opacities down to it) is not seen either.
const MIN_OPACITY = 0.1;
// How many ancestors are asked whether they clip the switch away (a box each; deep
// wrappers cost little, and 30 let a wrapper 31 levels up hide a switch: hostile round 3).
const MAX_CLIP_DEPTH = 100;
// Computed overflow values that clip (scrolling ones do not: the user can scroll).
const HIDES_OVERFLOW = /hidden|clip/;
// Elements whose boundaries do not separate words: "Claudeの<wbr>改善に" is one phrase,
// "<b>Help</b> improve" reads as written. Every other element separates what it holds.
const INLINE = new Set([
  "A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "DATA", "DFN", "EM", "FONT", "I", "KBD",
  "LABEL", "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U",
  "VAR", "WBR",
]); // prettier-ignore
// An icon's <title> ("Check") is not a label's words; SVG tag names are lower case.
const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "svg"]);

const clip = (text) => (text ?? "").slice(0, MAX_LABEL_TEXT);
const isNative = (el) => el instanceof HTMLInputElement;

/**
 * The text under `node` as a person reads it: block boundaries separate words, inline
 * boundaries and <wbr> do not. Stops once `limit` characters are collected.
 */
function textOf(node, limit = MAX_LABEL_TEXT) {
  if (!node) return "";
  if (node.nodeType === Node.TEXT_NODE) return clip(node.data);
  const parts = [];
  let length = 0;
  const visit = (n, depth) => {
    if (length > limit) return;
    if (n.nodeType === Node.TEXT_NODE) {
      parts.push(n.data.slice(0, limit + 1));
      length += n.data.length;
      return;
    }
    if (n.nodeType !== Node.ELEMENT_NODE || depth > MAX_TEXT_DEPTH || SKIPPED.has(n.tagName)) {
      return;
    }
    const separates = !INLINE.has(n.tagName);
    if (separates) parts.push(" ");
    for (let child = n.firstChild; child && length <= limit; child = child.nextSibling) {
      visit(child, depth + 1);
    }
    if (separates) parts.push(" ");
  };
  visit(node, 0);
  return parts.join("").slice(0, limit + 1);
}

function textOfIds(ids) {
  return ids
    .split(/\s+/)
    .slice(0, 8)
    .map((id) => (id ? textOf(document.getElementById(id)) : ""))
    .join(" ");
}

/**
 * The <label>s of a native switch: the wrapping one and label[for=id]. Not el.labels,
 * which Chromium computes by walking the whole document for each checkbox (measured:
 * 62 ms on a 32k-node chat with ~150 task-list checkboxes; see docs/performance.md).
 */
function labelsOf(el) {
  if (!isNative(el)) return [];
  const out = [];
  const wrapping = el.closest("label");
  if (wrapping) out.push(wrapping);
  if (el.id) {
    const byFor = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (byFor && byFor !== wrapping) out.push(byFor);
  }
  return out;
}

/** Texts that explicitly name or describe the switch, most specific first. */
function explicitLabels(el) {
  const out = [];
  const labelledBy = el.getAttribute("aria-labelledby");
  if (labelledBy) out.push(textOfIds(labelledBy));
  const ariaLabel = el.getAttribute("aria-label");
  if (ariaLabel) out.push(clip(ariaLabel));
  for (const label of labelsOf(el)) out.push(textOf(label));
  const describedBy = el.getAttribute("aria-describedby");
  if (describedBy) out.push(textOfIds(describedBy));
  return out.map(normalize).filter(Boolean);
}

/**
 * True when a person can see `el`: it has a box of a usable size on the page, is not
 * transparent or `visibility: hidden`, is not in a hidden, inert or aria-hidden
 * subtree (where assistive technology cannot reach it either), is not clipped away by
 * its dialog or panel, and, where it is in the viewport, a hit test there reaches it
 * (clip-path, clip). A copy the page keeps out of sight is not the switch the user is
 * looking at, and must never speak for the setting (hostile round 3, F1).
 */
function isPerceivable(el, hidden = HIDDEN) {
  if (!el.isConnected || el.closest(hidden)) return false;
  if (typeof el.checkVisibility === "function") {
    const options = { checkOpacity: true, checkVisibilityCSS: true };
    if (!el.checkVisibility(options)) return false;
  } else {
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || Number(style.opacity) === 0) return false;
  }
  const box = el.getBoundingClientRect();
  if (box.width < MIN_SIZE || box.height < MIN_SIZE) return false;
  // Pushed off the page's start (the classic "visually hidden" trick). A box that
  // reaches into the viewport is not; the scroll offsets are read only for one that
  // does not (they are a call into the page's window from this world).
  // A switch scrolled up out of a scrolling dialog is not: the user scrolls back to it.
  if (box.right <= 0 && box.right + scrollX <= 0 && !scrolledBy(el, "scrollLeft")) {
    return false;
  }
  if (box.bottom <= 0 && box.bottom + scrollY <= 0 && !scrolledBy(el, "scrollTop")) {
    return false;
  }
  const clipped = clippedAway(el, box);
  return !clipped && !(clipped === null && cutAway(el, box));
}

/** True when an ancestor of `el` is scrolled (`scrollTop` / `scrollLeft` not 0). */
function scrolledBy(el, offset) {
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (node[offset] !== 0) return true;
  }
  return false;
}

/**
 * True when `el`'s centre is in the viewport, it takes pointer events, and a hit test
 * there does not reach it: a clip-path or clip cuts it away. A switch under another
 * layer (a toast) is still reached: elementsFromPoint lists every layer at the point.
 * Outside the viewport nothing can be told this way, and nothing is concluded. A hit
 * test costs ~5 ms on a 20k-node chat (bench/), so it is asked only where a clip-path
 * or clip is on the way (see clippedAway).
 */
function cutAway(el, box) {
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const root = el.getRootNode();
  const tester = typeof root.elementsFromPoint === "function" ? root : document;
  if (typeof tester.elementsFromPoint !== "function") return false;
  if (tester.elementsFromPoint(x, y).includes(el)) return false;
  // Hit tests pass over an element that takes no pointer events: no answer then.
  return getComputedStyle(el).pointerEvents !== "none";
}

/**
 * True when ancestors that hide their overflow leave less than a usable piece of the
 * switch: a zero-size "overflow: hidden" wrapper anywhere up the tree, and, inside the
 * switch's dialog or settings panel, a box the switch lies outside of (a stale copy slid
 * off-stage in an overflow-hidden track). Above the dialog or panel only the zero-size
 * wrapper counts: a fixed-position dialog escapes the clipping of the app's own boxes.
 * Scrolling containers are not asked: a switch scrolled out of a dialog's view is still
 * one the user can scroll to. Returns null, not false, when a clip-path or clip is on
 * the switch or between it and its dialog or panel: whether that hides it only a hit
 * test can tell.
 * @returns {boolean | null}
 */
function clippedAway(el, box) {
  let { left, top, right, bottom } = box;
  const holder = holderOf(el);
  let inside = Boolean(holder);
  const own = getComputedStyle(el);
  if (clipsAll(own, box)) return true;
  let cut = isCut(own);
  // Opacity multiplies down the tree: a switch at 0.001, or in a row at 0.01 inside a
  // dialog, is as unseen as one at 0, which alone checkVisibility catches (review round
  // 4, F4). Read where the styles are read anyway: the switch and inside its holder.
  let opacity = Number(own.opacity);
  if (opacity < MIN_OPACITY) return true;
  let node = el.parentElement;
  for (let depth = 0; node && node !== document.body && depth < MAX_CLIP_DEPTH; depth += 1) {
    // Boxes first: after the switch's own box was read, layout is current and a box is
    // cheap, while a computed style is a new object per ancestor. Outside the dialog or
    // panel only a tiny ancestor gets one; inside, every ancestor does (for clip-path),
    // but its overflow is read only where it could cut the switch.
    const clip = node.getBoundingClientRect();
    const tiny = clip.width < MIN_SIZE || clip.height < MIN_SIZE;
    const cuts =
      inside && (clip.left > left || clip.top > top || clip.right < right || clip.bottom < bottom);
    if (tiny || inside) {
      // Each property read is a call into the page's world: only those needed.
      const style = getComputedStyle(node);
      if (inside) opacity *= Number(style.opacity);
      if (opacity < MIN_OPACITY) return true;
      if (inside && isCut(style)) {
        // sr-only's clip-path: inset(50%) (or a zero clip rect) hides all it holds, with
        // no hit test: one cannot reach a track that takes no pointer events.
        if (clipsAll(style, clip)) return true;
        cut = true;
      }
      if (tiny || cuts) {
        const hidesX = HIDES_OVERFLOW.test(style.overflowX);
        const hidesY = HIDES_OVERFLOW.test(style.overflowY);
        if (tiny && (hidesX || hidesY)) return true;
        if (cuts && hidesX) [left, right] = [Math.max(left, clip.left), Math.min(right, clip.right)];
        if (cuts && hidesY) [top, bottom] = [Math.max(top, clip.top), Math.min(bottom, clip.bottom)];
        if (right - left < MIN_SIZE || bottom - top < MIN_SIZE) return true;
      }
    }
    if (node === holder) inside = false;
    node = node.parentElement;
  }
  return cut ? null : false;
}

/** The dialog, else the settings panel, that holds `el`; null outside both. */
const holderOf = (el) => el.closest(DIALOG) ?? (PANELS ? el.closest(PANELS) : null);

/**
 * True when a clip-path `inset()` or a `clip: rect()` in this computed style leaves
 * nothing of the box `box` (px): the visually-hidden pattern (Tailwind's sr-only, v4
 * and v3). Other shapes are left to the hit test (cutAway).
 */
function clipsAll(style, box) {
  // The common case, no clip at all, is told by a prefix: a regular expression's first
  // use compiles it (bench/: first popup).
  const clipPath = style.clipPath ?? "";
  const inset = clipPath.startsWith("inset(") ? /^inset\(([^)]*)\)/.exec(clipPath) : null;
  if (inset) {
    const [t, r = t, b = t, l = r] = inset[1].split(/\s+round\s/)[0].trim().split(/\s+/);
    const px = (v, size) => (v.endsWith("%") ? (parseFloat(v) * size) / 100 : parseFloat(v));
    const w = box.right - box.left;
    const h = box.bottom - box.top;
    return px(t, h) + px(b, h) >= h || px(l, w) + px(r, w) >= w;
  }
  const clip = style.clip ?? "";
  const rect = clip.startsWith("rect(") ? /^rect\(([^)]*)\)/.exec(clip) : null;
  if (!rect || !/absolute|fixed/.test(style.position)) return false;
  const [top, right, bottom, left] = rect[1].split(/[\s,]+/).map(parseFloat);
  return right - left <= 0 || bottom - top <= 0;
}

/** A clip-path, or a clip (which applies to positioned boxes), in this computed style. */
function isCut(style) {
  const clipPath = style.clipPath;
  if (clipPath && clipPath !== "none") return true;
  const clip = style.clip;
  return Boolean(clip) && clip !== "auto" && /absolute|fixed/.test(style.position);
}

/**
 * What a person sees and clicks for the switch `el`, or null when they cannot see it:
 * `el` itself, or the visible track beside a native input the page hides visually.
 * claude.ai's consent popup and onboarding step draw their switch that way (facts §0.1):
 * `<label>` › group › `input[role=switch].sr-only` (a track-sized box clipped to
 * nothing by `clip-path: inset(50%)`, which a hit test never reaches) followed by the
 * track and the knob. Such an input is judged by the track alone, and the track must
 * pass every check a switch would: a hidden, clipped, off-stage or transparent track
 * (or label) leaves the input unseen, so a hidden copy still never counts.
 * @param {Element} el @returns {Element | null}
 */
function controlOf(el) {
  if (isNative(el) && hidesItself(el)) {
    const track = trackOf(el);
    if (track) return track;
  }
  return isPerceivable(el) ? el : null;
}

/**
 * True when a native input is visually hidden by its own box or style (a box too small
 * to see, a clip-path or clip of its own: Tailwind's `sr-only`, v3 and v4) while it is
 * rendered and in the accessibility tree: the pattern of an input drawn by its siblings.
 */
function hidesItself(el) {
  if (el.closest(HIDDEN)) return false;
  if (typeof el.checkVisibility === "function" && !el.checkVisibility({ checkVisibilityCSS: true })) {
    return false;
  }
  const box = el.getBoundingClientRect();
  return box.width < MIN_SIZE || box.height < MIN_SIZE || isCut(getComputedStyle(el));
}

/**
 * The visible track of a visually hidden native input: an element beside the input
 * (its sibling, or its label[for] itself) that holds no words and no other switch and
 * that a person can see, inside the <label> that toggles the input. Null when none.
 */
function trackOf(el) {
  const labels = labelsOf(el);
  const wrapping = labels[0]?.contains(el) ? labels[0] : null;
  const parent = el.parentElement;
  if (!labels.length || !parent) return null;
  for (const sibling of parent.children) {
    if (sibling === el) continue;
    // A track clicked outside every label would not toggle the input.
    if (!(wrapping?.contains(sibling) || labels.includes(/** @type {any} */ (sibling)))) continue;
    if (sibling.matches(SWITCH) || sibling.querySelector(SWITCH)) continue;
    if (normalize(textOf(sibling, 40)) !== "") continue;
    // A drawn track is decoration: aria-hidden on it (or on its icon) is what a careful
    // page writes, while the input carries the switch's name and state. Above the
    // input's parent, aria-hidden was ruled out with the input (hidesItself).
    if (isPerceivable(sibling, DRAWN_HIDDEN)) return sibling;
  }
  return null;
}

/** True when `el` can never be the training switch wherever it shows: in a chat. */
const isChatContent = (el) => Boolean(IGNORE && el.closest(IGNORE));

/** A switch that could be the training switch: shown, not in a chat, popover or toast. */
function isCandidate(el) {
  if (!el.matches(SWITCH)) return false;
  if (isChatContent(el)) return false;
  if (NOT_DIALOG && el.closest(NOT_DIALOG)) return false;
  return controlOf(el) !== null;
}

/**
 * The nearest ancestor with text that holds no other switch: the switch's row.
 * `own`: the switch's own words, normalized, when the caller has them.
 */
function rowOf(el, own = normalize(textOf(el))) {
  let node = el.parentElement;
  for (let depth = 0; node && depth < MAX_ROW_DEPTH; depth += 1, node = node.parentElement) {
    if (node === document.body || node.matches(DIALOG)) return null;
    if (holdsAnotherSwitch(node, el)) return null;
    // A row never holds a chat message: words quoted in a chat are nobody's label.
    if (IGNORE && node.querySelector(IGNORE)) return null;
    const raw = textOf(node, MAX_ROW_TEXT * 4);
    if (raw.length > MAX_ROW_TEXT * 4) return null;
    const text = normalize(raw);
    if (text && text !== own) {
      return text.length <= MAX_ROW_TEXT ? { node, text } : null;
    }
    // A marked settings row is the switch's whole row: with no words yet (they render
    // late) it has none, rather than the panel intro's above it ("Anthropic believes…").
    if (ROWS && node.matches(ROWS)) return null;
  }
  return null;
}

function holdsAnotherSwitch(node, el) {
  for (const candidate of node.querySelectorAll(SWITCH)) {
    if (candidate !== el && isCandidate(candidate)) return true;
  }
  return false;
}

/** What textsOf() found, as the one string identify() and wordsOf() compare. */
const joinWords = (texts) => texts.join("\n");

/** Everything that names or describes a switch: its labels, its own words, its row. */
function textsOf(el) {
  const texts = explicitLabels(el);
  // A button switch can carry its name as its content (ARIA "name from content").
  const own = normalize(textOf(el));
  if (own) texts.push(own);
  const row = rowOf(el, own);
  if (row) texts.push(row.text);
  return texts;
}

const visibleDialogOf = (el) => {
  const dialog = el.closest(DIALOG);
  return dialog && !(NOT_DIALOG && dialog.matches(NOT_DIALOG)) ? dialog : null;
};

function dialogTitle(dialog) {
  const labelledBy = dialog.getAttribute("aria-labelledby");
  if (labelledBy) return normalize(textOfIds(labelledBy));
  return normalize(textOf(dialog.querySelector("h1,h2,h3,[role=heading]")));
}

function isSettingsUrl(loc = location) {
  if (matchesAny(settingsPaths, loc.pathname.toLowerCase())) return true;
  const hash = loc.hash.toLowerCase();
  return matchesAny(settingsHashes, hash) && !matchesAny(subScreens, hash);
}

const isOnboardingUrl = (loc = location) =>
  matchesAny(onboardingPaths, loc.pathname.toLowerCase());

/** The consent popup by its title or a link of its own (not just any "Accept"). */
const namesConsent = (dialog) =>
  matchesAny(titles, dialogTitle(dialog)) ||
  [...dialog.querySelectorAll("a[href]")].some((a) => matchesAny(popupLinks, a.href.toLowerCase()));

/** The open consent popup: its title, a link of its own, or an Accept button says so. */
const isConsentDialog = (dialog) => namesConsent(dialog) || Boolean(buttonIn(dialog, acceptButtons));

/** The consent popup showing (which must hold the training switch), or null. */
const consentPopup = () => {
  const dialog = visibleDialog();
  return dialog && namesConsent(dialog) ? dialog : null;
};

const isSettingsDialog = (dialog) =>
  (OVERLAYS && dialog.matches(OVERLAYS)) || (PANELS && Boolean(dialog.querySelector(PANELS)));

/**
 * Which screen a settings dialog's nav says shows: "privacy" when its current entry
 * (aria-current="page") reads as the Privacy screen in any language, "other" when it
 * names another, null when the nav says nothing (no current entry, or not a settings
 * dialog). This is what tells where you are when the overlay opened with no URL change
 * and without the data-perf markers (facts §3).
 * @returns {"privacy" | "other" | null}
 */
function settingsTabOf(dialog) {
  if (!CURRENT_TABS || !isSettingsDialog(dialog)) return null;
  const current = dialog.querySelector(CURRENT_TABS);
  if (!current) return null;
  return matchesAny(privacyTabs, normalize(textOf(current))) ? "privacy" : "other";
}

/** True when `el` sits in a settings screen that is not the Privacy one (another tab). */
const onAnotherScreen = (el) =>
  Boolean(SCREENS && el.closest(SCREENS) && !(PANELS && el.closest(PANELS)));

/**
 * Where `el` is: { kind: "popup" | "onboarding" | "settings" | null, container, inSettings }.
 * `kind` is null in a dialog none of the rules recognise, and in a settings dialog whose
 * screen is not known to be the Privacy one (then only the setting's own words can
 * identify the switch); `container` is null outside every surface; `inSettings` is true
 * in any settings dialog, where a state shows as saved (see reportedSurface).
 * @returns {PrivacyGuardWhere}
 */
function surfaceOf(el) {
  if (PANELS) {
    const panel = el.closest(PANELS);
    if (panel) return { kind: "settings", container: panel };
  }
  const privacyUrl = isSettingsUrl() && !onAnotherScreen(el);
  const dialog = visibleDialogOf(el);
  if (dialog) {
    if (isSettingsDialog(dialog)) {
      // The nav's current entry wins over a URL that may lag behind a tab change.
      const tab = settingsTabOf(dialog);
      const privacy = tab ? tab === "privacy" && !onAnotherScreen(el) : privacyUrl;
      return { kind: privacy ? "settings" : null, container: dialog, inSettings: true };
    }
    if (isConsentDialog(dialog)) return { kind: "popup", container: dialog };
    // A full-screen onboarding step may carry aria-modal like a dialog.
    if (isOnboardingUrl()) return { kind: "onboarding", container: dialog };
    return { kind: null, container: dialog };
  }
  if (privacyUrl) return { kind: "settings", container: document.body };
  if (isOnboardingUrl()) return { kind: "onboarding", container: document.body };
  return { kind: null, container: null };
}

/**
 * The kind a recognised switch reports: an unknown dialog is treated like the popup,
 * whose choice counts only once confirmed, so nothing unsaved is ever called saved; but
 * a settings dialog has no Accept, and what its switch shows is saved, whichever screen
 * its nav names (hostile review 4, 2: "press “Accept”" in the settings).
 */
const reportedSurface = (surface) => surface.kind ?? (surface.inSettings ? "settings" : "popup");

/** Whether the words rule the switch in (true), out (false), or say nothing (null). */
function byWording(texts) {
  if (texts.some((t) => matchesAny(notLabels, t))) return false;
  if (texts.some((t) => matchesAny(labels, t))) return true;
  return null;
}

const picksBySignal = (texts) => texts.some((t) => matchesAny(rowMentions, t));

/**
 * Is `el` the AI-training switch? "wording" when, in a dialog or on a recognised surface,
 * the setting's own words name it; "signal" when, on a recognised surface, it is the one
 * switch whose row names the company that trains the models; null when it is not, or
 * when another switch there qualifies as well (two candidates cannot be told apart, so
 * neither is trusted: a stale copy in the other state must not speak for the setting).
 * When it is, `found` receives the words it was known by (`words`, see wordsOf) and where
 * it is (`surface`, surfaceOf's answer), so a caller that tracks it asks neither again.
 * @param {Element} el @param {Partial<PrivacyGuardFound>} [found]
 * @returns {"wording" | "signal" | null}
 */
function identify(el, found = {}) {
  if (!isCandidate(el)) return null;
  const surface = surfaceOf(el);
  if (!surface.container) return null;
  const texts = textsOf(el);
  const named = byWording(texts);
  if (named === false) return null;
  const by = named ? "wording" : surface.kind && picksBySignal(texts) ? "signal" : null;
  if (!by) return null;
  found.words = joinWords(texts);
  found.surface = surface;
  // Within the whole dialog (or page), not the one panel: a stale copy of the panel
  // beside the live one is a second candidate too. On the Privacy settings, anywhere on
  // the page: a stale copy of the panel left behind the overlay is one as well (review
  // round 4, F1), while the consent popup shown over the settings is another surface.
  const dialog = el.closest(DIALOG);
  const settings = surface.kind === "settings";
  for (const other of (settings ? document.body : (dialog ?? document.body)).querySelectorAll(SWITCH)) {
    if (other === el || isChatContent(other)) continue;
    if (!settings && other.closest(DIALOG) !== dialog) continue;
    const otherTexts = textsOf(other);
    const otherNamed = byWording(otherTexts);
    const qualifies =
      otherNamed || (by === "signal" && otherNamed === null && picksBySignal(otherTexts));
    // Words first, sight second: only a rival that qualifies pays for the layout checks.
    if (!qualifies || !isCandidate(other)) continue;
    if (!settings || other.closest(DIALOG) === dialog || surfaceOf(other).kind === "settings") {
      return null;
    }
  }
  return by;
}

/**
 * Everything that names or describes `el` (its labels, own words and row, normalized), as
 * one string: when it changes, the page may have re-rendered the row as another setting
 * around the same switch element (hostile review 4, 1), and identify() is asked again.
 * @param {Element} el @returns {string}
 */
const wordsOf = (el) => joinWords(textsOf(el));

/**
 * "on", "off", or "unknown" when the page leaves the state indeterminate
 * (aria-checked="mixed") or contradicts itself (aria-checked against data-checked /
 * data-unchecked / data-state): a state the page does not settle cannot be reported,
 * and never as off.
 */
function stateOf(el) {
  if (isNative(el)) {
    // A native input's state is `.checked`; an aria-checked that says otherwise is a
    // page contradicting itself (its track may be painted from either): unknown.
    const state = el.checked ? "on" : "off";
    const aria = el.getAttribute("aria-checked");
    if (aria === "mixed" || (aria !== null && (aria === "true") !== el.checked)) return "unknown";
    return state;
  }
  const said = new Set();
  const checked = el.getAttribute("aria-checked");
  if (checked === "true") said.add("on");
  else if (checked === "false") said.add("off");
  else if (checked !== null) return "unknown";
  if (el.hasAttribute("data-checked")) said.add("on");
  if (el.hasAttribute("data-unchecked")) said.add("off");
  const dataState = el.getAttribute("data-state");
  if (dataState === "checked") said.add("on");
  else if (dataState === "unchecked") said.add("off");
  else if (dataState === "indeterminate") return "unknown";
  if (said.size > 1) return "unknown";
  return said.has("on") ? "on" : "off";
}

function isLocked(el) {
  return (
    (isNative(el) && el.disabled) ||
    el.hasAttribute("disabled") ||
    el.getAttribute("aria-disabled") === "true" ||
    el.hasAttribute("data-disabled")
  );
}

const says = (button, patterns) => matchesAny(patterns, normalize(textOf(button)));

function buttonIn(container, patterns) {
  for (const button of container.querySelectorAll('button,[role="button"]')) {
    if (says(button, patterns)) return button;
  }
  return null;
}

/**
 * The feedback dialog's note and the button it describes (Submit), or null when
 * `dialog` is not claude.ai's feedback form (facts §7): a dialog (not a popover or
 * toast) with a text box whose note, the description of one of its buttons or its small
 * print, names Anthropic: the whole conversation goes there. Known by that shape and the
 * brand alone, in every language and across rewordings of the note; the "Report content"
 * form has no such note, and other dialogs no text box.
 * @returns {{ note: Element, submit: Element | null } | null}
 */
function feedbackForm(dialog) {
  if (!FEEDBACK_FIELDS || (NOT_DIALOG && dialog.matches(NOT_DIALOG))) return null;
  if (!dialog.querySelector(FEEDBACK_FIELDS)) return null;
  const names = (node) => Boolean(node) && picksBySignal([normalize(textOf(node))]);
  for (const button of dialog.querySelectorAll("button[aria-describedby]")) {
    for (const id of button.getAttribute("aria-describedby").split(/\s+/).slice(0, 8)) {
      const note = id ? document.getElementById(id) : null;
      if (note && dialog.contains(note) && names(note)) return { note, submit: button };
    }
  }
  for (const note of FEEDBACK_NOTES ? dialog.querySelectorAll(FEEDBACK_NOTES) : []) {
    if (names(note)) return { note, submit: null };
  }
  return null;
}

/** The button that saves the choice on a pending surface (Accept, Continue), if known. */
function confirmButtonFor(el, kind) {
  if (kind === "popup") {
    const dialog = visibleDialogOf(el);
    return dialog ? buttonIn(dialog, acceptButtons) : null;
  }
  if (kind === "onboarding") return buttonIn(document.body, continueButtons);
  return null;
}

// Longer than any word for Accept or Continue in the page's catalogs (facts §5).
const MAX_BUTTON_LABEL = 40;

/**
 * The words `button` shows, as written (white space folded, not lower-cased), or "" when
 * it shows none or more than MAX_BUTTON_LABEL characters: the callout names the button
 * by them, in the page's language ("Accetta" in an English browser, hostile review 3, F8).
 * @param {Element | null} button @returns {string}
 */
function buttonLabel(button) {
  const words = textOf(button).replace(/\s+/g, " ").trim();
  return words.length <= MAX_BUTTON_LABEL ? words : "";
}

/** True when `button` saves the choice on a surface of this kind. */
function isConfirmButton(button, kind) {
  return says(button, kind === "onboarding" ? continueButtons : acceptButtons);
}

/** True when `node` is rendered and in the accessibility tree (a panel, a dialog). */
const isShowing = (node) =>
  !node.closest(HIDDEN) &&
  (typeof node.checkVisibility !== "function" ||
    node.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }));

/** A Privacy screen without a switch that shows a sub-screen's marker (export). */
const isSubScreen = (screen) =>
  !screen.querySelector(SWITCH) &&
  Boolean(SUB_SCREEN_MARKS && screen.querySelector(SUB_SCREEN_MARKS));

/**
 * Where the Privacy settings' main screen shows, or null: the panel's marker or a
 * settings dialog whose nav says Privacy (also when the overlay opened with no URL
 * change), else the settings URL unless a settings dialog's nav names another screen.
 * A panel kept mounted but hidden (another tab shows) is not showing (hostile round 3, C1).
 */
function privacyScreen() {
  if (matchesAny(subScreens, location.hash.toLowerCase())) return null;
  let elsewhere = false;
  if (PANELS) {
    for (const panel of document.querySelectorAll(PANELS)) {
      if (!isShowing(panel)) continue;
      if (isSubScreen(panel)) {
        elsewhere = true;
        continue;
      }
      return panel;
    }
  }
  for (const dialog of document.querySelectorAll(DIALOG)) {
    const tab = settingsTabOf(dialog);
    if (!tab || !isShowing(dialog)) continue;
    if (tab === "other" || isSubScreen(dialog)) elsewhere = true;
    else return dialog;
  }
  return isSettingsUrl() && !elsewhere ? document.body : null;
}

/**
 * True when `el` is in a Privacy screen that shows (see privacyScreen): its panel, or a
 * settings dialog whose nav says Privacy. Asked for every switch that renders in a
 * dialog, so it looks only up from `el`, not over the document.
 */
const inPrivacyPanel = (el) => {
  const panel = PANELS ? el.closest(PANELS) : null;
  const screen = panel ?? el.closest(DIALOG);
  if (!screen) return false;
  // The dialog's nav before the URL: a popup's switch is told apart without a first
  // match of the sub-screen patterns (bench/: first popup).
  if (!panel && settingsTabOf(screen) !== "privacy") return false;
  if (matchesAny(subScreens, location.hash.toLowerCase())) return false;
  return isShowing(screen) && !isSubScreen(screen);
};

/** True when `node` is or holds a Privacy panel, a settings dialog on Privacy or the
 *  consent popup: a surface that must hold the training switch. */
const holdsSurface = (node) => {
  if (PANELS && (node.matches(PANELS) || node.querySelector(PANELS))) return true;
  const dialogs = node.matches(DIALOG) ? [node] : node.querySelectorAll(DIALOG);
  for (const dialog of dialogs) if (settingsTabOf(dialog) === "privacy" || namesConsent(dialog)) return true;
  return false;
};

/** The onboarding step that holds the switch, recognised by its heading, or null. */
function onboardingStep() {
  if (!isOnboardingUrl()) return null;
  for (const heading of document.querySelectorAll("h1,h2,[role=heading]")) {
    if (matchesAny(onboardingHeadings, normalize(textOf(heading)))) return document.body;
  }
  return null;
}

/** The open dialog a person sees, topmost last; for notices that belong in it. */
function visibleDialog() {
  const dialogs = [...document.querySelectorAll(DIALOG)].filter(
    (d) => !(NOT_DIALOG && d.matches(NOT_DIALOG)) && isPerceivable(d),
  );
  return dialogs[dialogs.length - 1] ?? null;
}

function isHorizontal(node) {
  const style = getComputedStyle(node);
  return (
    (/flex/.test(style.display) && !style.flexDirection.startsWith("column")) ||
    /grid/.test(style.display)
  );
}

/**
 * The element after which the callout is inserted: the switch's row, widened so that
 * the callout neither lands inside a <label>/<button> (clicks there would toggle the
 * switch) nor becomes a squeezed column of a horizontal row.
 */
function anchorOf(el) {
  let node = (ROWS && el.closest(ROWS)) || rowOf(el)?.node || el;
  const stop = el.closest(DIALOG) ?? document.body;
  for (let i = 0; i < 4 && node.parentElement && node.parentElement !== stop; i += 1) {
    const parent = node.parentElement;
    if (parent.closest("label,button") || isHorizontal(parent)) node = parent;
    else break;
  }
  return node;
}

/** True when pressing `button` can do anything (not disabled or aria-disabled). */
const isEnabled = (button) =>
  !button.disabled && button.getAttribute("aria-disabled") !== "true";

export {
  SWITCH,
  DIALOG,
  holderOf,
  isEnabled,
  identify,
  wordsOf,
  isPerceivable,
  controlOf,
  isChatContent,
  stateOf,
  isLocked,
  isSettingsUrl,
  isOnboardingUrl,
  surfaceOf,
  reportedSurface,
  privacyScreen,
  inPrivacyPanel,
  holdsSurface,
  consentPopup,
  onboardingStep,
  visibleDialog,
  anchorOf,
  feedbackForm,
  confirmButtonFor,
  buttonLabel,
  isConfirmButton,
};