// The injected UI: callout beside the switch, warning by "Accept", and the
// "couldn't find the switch" notice. Each lives in a closed shadow root under a host
// element marked data-privacy-guard-ui; all text is set with textContent. The callout is
// compact (the state, one sentence, "Turn it off", "Why?"): on the consent popup it must
// not push "Accept" out of view, so the facts and sources wait behind the disclosure.
import data from "../generated/content-data.js";

const api = globalThis.browser ?? globalThis.chrome;

// Every string the content script shows, all read on first use: after an update the old
// script can no longer reach i18n, and the note it leaves where it had shown something
// must still be in the user's language. Not before: a page that never shows anything
// never pays for reading them (bench/: the script time of a page load).
const KEYS = [
  "brand", "on_title", "on_body", "on_short", "on_scope", "on_past", "turn_off", "why",
  "sources_label", "off_title", "off_body", "locked_body", "accept_warning", "not_found", "not_readable",
  "open_settings", "dismiss", "pending_on_title", "pending_on_body", "pending_off_title",
  "pending_off_body", "button_accept", "button_continue", "updated_note", "copy_report",
  "report_copied", "report_failed", "off_still_trains", "feedback_on", "feedback_off",
  "feedback_unknown", "feedback_why", "feedback_incognito",
]; // prettier-ignore
const strings = new Map();
const SUB = "\u0001";
let uiLanguage = "";
function readStrings() {
  try {
    uiLanguage ||= api.i18n.getUILanguage();
    for (const key of KEYS) {
      // A marker stands in for $1, so the cached text can take the value later.
      if (!strings.has(key)) strings.set(key, api.i18n.getMessage(`content_${key}`, [SUB]));
    }
  } catch {
    // The extension is gone; what was read stays usable.
  }
}
function msg(key, sub = "") {
  if (!strings.has(key)) readStrings();
  return (strings.get(key) || key).replaceAll(SUB, sub);
}
/** The live hosts, so a theme change can repaint them. */
const live = new Set();


const STYLE = `
  :host { all: initial; display: block; pointer-events: auto; }
  [hidden] { display: none !important; }
  .box {
    --bg: #fff7ed; --fg: #431407; --edge: #ea580c; --link: #9a3412;
    --btn-bg: #c2410c; --btn-fg: #fff;
    box-sizing: border-box; margin: 6px 0 0; padding: 6px 10px; border-radius: 8px;
    border: 1px solid var(--edge); border-left-width: 4px; background: var(--bg);
    color: var(--fg); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
    text-align: start; animation: pg-in 160ms ease-out;
  }
  .box.off { --bg: #f0fdf4; --fg: #052e16; --edge: #16a34a; --link: #166534; }
  .box.notice { margin: 6px 0; padding: 10px 12px; }
  .dark .box { --bg: #2a1606; --fg: #ffedd5; --edge: #fb923c; --link: #fdba74;
    --btn-bg: #fb923c; --btn-fg: #1c0a02; }
  .dark .box.off { --bg: #052e16; --fg: #dcfce7; --edge: #4ade80; --link: #86efac; }
  .head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 6px; }
  .brand { font-size: 11px; font-weight: 600; letter-spacing: .02em; opacity: .8; }
  .title { font-weight: 700; }
  p { margin: 2px 0 0; }
  .more { margin-top: 6px; padding-top: 4px; border-top: 1px solid var(--edge); }
  .sources { font-size: 12px; margin-top: 4px; }
  .sources a, .notice a { color: var(--link); }
  .sources span + span::before { content: " · "; }
  .actions { display: flex; gap: 6px; margin-top: 4px; flex-wrap: wrap; align-items: center; }
  /* The warning by "Accept": its words beside its button, so it takes few lines. */
  .warning { display: flex; align-items: center; gap: 4px 10px; }
  .warning p { flex: 1 1 auto; margin: 0; }
  .warning .actions { margin: 0; flex: none; }
  .feedback { flex-wrap: wrap; }
  .feedback > .more { flex: 1 1 100%; }
  /* Smaller steps while the button that saves would be out of view (keepInView). */
  .tight .lead, .tighter .lead, .tightest .lead, .tight .still { display: none; }
  .tighter [data-action="turn-off"], .tightest [data-action="turn-off"] { display: none; }
  .tightest .brand, .line .brand, .line .lead, .line [data-action="turn-off"] { display: none; }
  .tighter, .tightest, .line {
    display: flex; flex-wrap: wrap; align-items: center; column-gap: 8px;
  }
  .tighter > [role="status"], .tightest > [role="status"], .line > [role="status"] {
    flex: 1 1 10em;
  }
  .tighter > .actions, .tightest > .actions, .line > .actions { margin: 0; }
  .tighter > .more, .tightest > .more, .line > .more { flex: 1 1 100%; }
  /* One line: the state cut short, "Why?" beside it (an open "Why?" still wraps below). */
  .line { flex-wrap: nowrap; }
  .line:has(> .more:not([hidden])) { flex-wrap: wrap; }
  .line > [role="status"] { min-width: 0; overflow: hidden; }
  .line .head { flex-wrap: nowrap; }
  .line .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  /* No callout at all: the switch's outline and the warning by "Accept" remain. */
  .gone { display: none; }
  button {
    font: inherit; font-weight: 600; cursor: pointer; border-radius: 6px; white-space: nowrap;
    padding: 2px 10px; border: 1px solid var(--btn-bg); background: var(--btn-bg);
    color: var(--btn-fg);
  }
  button.plain { background: transparent; color: var(--fg); border-color: var(--edge); }
  /* The arrow is decoration: "/ ''" keeps it out of the accessible name where supported. */
  button[aria-expanded]::after { content: " \\25BE"; content: " \\25BE" / ""; }
  button[aria-expanded="true"]::after { content: " \\25B4"; content: " \\25B4" / ""; }
  .notice button { padding: 5px 12px; }
  button:focus-visible, a:focus-visible { outline: 2px solid var(--edge); outline-offset: 2px; }
  @keyframes pg-in { from { opacity: 0; transform: translateY(-2px); } }
  @media (prefers-reduced-motion: reduce) { .box { animation: none; } }
`;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** Luminance of the first non-transparent background at or above `node`. */
function pageIsDark(node) {
  for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
    const match = getComputedStyle(n).backgroundColor.match(/[\d.]+/g);
    if (match && (match.length < 4 || Number(match[3]) > 0.5)) {
      const [r, g, b] = match.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
    }
  }
  return matchMedia("(prefers-color-scheme: dark)").matches;
}

// Inline !important declarations outrank every page rule, layered or not, so broad
// page CSS (":not(:defined) { visibility: hidden }", "div { display: none }") cannot
// hide or reshape the host. Its content is out of the page's reach in the shadow root.
const HOST_STYLE = {
  display: "block",
  visibility: "visible",
  opacity: "1",
  float: "none",
  transform: "none",
  filter: "none",
  "clip-path": "none",
  "content-visibility": "visible",
  "pointer-events": "auto",
  margin: "0",
  padding: "0",
  border: "0",
  width: "auto",
  height: "auto",
  "min-width": "0",
  "max-width": "none",
  "min-height": "0",
  // A flex column (a popup with max-height) must not squash the host below its content
  // and let the callout spill over the page's text and buttons (review round 5, F4).
  "flex-shrink": "0",
  "max-height": "none",
  overflow: "visible",
};
// The hosts' tag (see createHost): a valid custom-element name, random per page.
const HOST_TAG = `privacy-guard-${Math.random().toString(36).slice(2, 8)}`;
// Hosts pinned to the window's corner rather than placed in the page's flow.
const FLOATING = new Set(["notice", "updated"]);
const NOTICE_STYLE = {
  position: "fixed",
  inset: "auto 16px 16px auto",
  "z-index": "2147483647",
  "max-width": "380px",
};

/**
 * A host element with a closed shadow root; events from inside stay inside. Its tag is a
 * name no page uses: a re-render that morphs the DOM back to its template pairs elements
 * by tag (and key), so a <div> host could be taken for the page's own button row and
 * swallow Accept into its shadow tree (review round 5, tests/test_rerender.py). The name
 * is random per page and never defined: a page cannot define it first and reach the
 * closed root through ElementInternals (a root attached to an element not yet custom is
 * not "available to element internals", HTML attachShadow).
 */
function createHost(kind) {
  const host = document.createElement(HOST_TAG);
  host.setAttribute("data-privacy-guard-ui", kind);
  const style = FLOATING.has(kind) ? { ...HOST_STYLE, ...NOTICE_STYLE } : HOST_STYLE;
  for (const [name, value] of Object.entries(style)) {
    host.style.setProperty(name, value, "important");
  }
  const root = host.attachShadow({ mode: "closed" });
  root.append(el("style", { text: STYLE }));
  if (!uiLanguage) readStrings();
  const frame = el("div", { lang: uiLanguage || "en" });
  root.append(frame);
  // The page must not see our clicks as clicks on its own rows or dialogs.
  for (const type of ["click", "pointerdown", "mousedown"]) {
    host.addEventListener(type, (event) => event.stopPropagation());
  }
  const applyScheme = () => frame.classList.toggle("dark", pageIsDark(host.parentElement));
  const entry = { host, applyScheme };
  live.add(entry);
  const remove = () => {
    live.delete(entry);
    host.remove();
  };
  return { host, frame, applyScheme, remove };
}

/** Repaint every live host for the page's current theme (claude.ai sets it late). */
function applyTheme() {
  for (const entry of live) {
    if (entry.host.isConnected) entry.applyScheme();
    else live.delete(entry);
  }
}

/** Remove UI left in the page by a copy of the script from before an update. */
function removeLeftovers() {
  for (const node of document.querySelectorAll("[data-privacy-guard-ui]")) node.remove();
}

/** The sources of the facts `part` of the UI states (builder/render.py PAGE_FACTS). */
function sourceLinks(part) {
  const items = data.explains[part].map((id) => {
    const source = data.sources[id];
    const label = `${source.publisher}: ${source.title}`;
    return el(
      "span",
      {},
      source.url
        ? el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer", text: label })
        : `${label}${source.date ? ` (${source.date})` : ""}`,
    );
  });
  return el("div", { className: "sources" }, el("strong", { text: msg("sources_label") }), " ", ...items);
}

// The button that saves a pending choice, by surface.
const PENDING_BUTTON = {
  popup: () => msg("button_accept"),
  onboarding: () => msg("button_continue"),
};

/** "Turn it off", or no button when `onTurnOff` is null (see main.js, turnOffFor). */
const turnOffButton = (onTurnOff) => {
  if (!onTurnOff) return el("div", { className: "actions" });
  const button = el("button", { type: "button", "data-action": "turn-off", text: msg("turn_off") });
  button.addEventListener("click", onTurnOff);
  return el("div", { className: "actions" }, button);
};

let disclosures = 0;
/**
 * "Why?": a button that shows and hides the rest (WAI-ARIA disclosure pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/); a native <button>, so Enter
 * and Space work. Collapsed at first: the facts must not push "Accept" out of view.
 */
function disclosure(...content) {
  disclosures += 1;
  const id = `pg-why-${disclosures}`;
  const button = el("button", {
    type: "button",
    className: "plain",
    id: `${id}-button`,
    "aria-expanded": "false",
    "aria-controls": id,
    "data-action": "why",
    text: msg("why"),
  });
  const region = el(
    "div",
    { id, className: "more", role: "region", "aria-labelledby": `${id}-button` },
    ...content,
  );
  region.hidden = true;
  button.addEventListener("click", () => {
    const open = region.hidden;
    region.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  });
  return { button, region };
}

/**
 * What the callout says for a state on a surface (pending surfaces save on a button,
 * named `saves` as the page shows it, else in the browser's language).
 */
function calloutBox(state, locked, surface, saves, onTurnOff) {
  const brand = el("span", { className: "brand", text: msg("brand") });
  const pending = PENDING_BUTTON[surface] && !locked;
  const button = pending ? saves || PENDING_BUTTON[surface]() : "";
  const live = { role: "status", "aria-live": "polite" };
  if (state === "on") {
    const title = pending ? msg("pending_on_title", button) : msg("on_title");
    const why = disclosure(
      el("p", { text: pending ? msg("pending_on_body", button) : msg("on_body") }),
      el("p", { text: msg("on_scope") }),
      el("p", { text: msg("on_past") }),
      sourceLinks("callout"),
    );
    const actions = turnOffButton(onTurnOff);
    actions.append(why.button);
    return el(
      "div",
      { className: "box on" },
      el(
        "div",
        live,
        el("div", { className: "head" }, brand, el("span", { className: "title", text: title })),
        el("p", { className: "lead", text: msg("on_short") }),
      ),
      actions,
      why.region,
    );
  }
  const title = pending ? msg("pending_off_title") : msg("off_title");
  let body = pending ? msg("pending_off_body", button) : msg("off_body");
  if (locked) body = msg("locked_body");
  return el(
    "div",
    { className: pending ? "box off pending" : "box off", ...live },
    el("div", { className: "head" }, brand, el("span", { className: "title", text: title })),
    el("p", { text: body }),
    // "Off" is said with what still trains (facts §6): the state first, then this.
    el("p", { className: "still", text: msg("off_still_trains") }),
  );
}

/**
 * True when `node` shows without scrolling: inside the window and inside every
 * scrolling box around it as they stand unscrolled (the consent popup scrolls inside).
 */
function inViewUnscrolled(node) {
  const rect = node.getBoundingClientRect();
  let scrolled = 0;
  for (let box = node.parentElement; box && box !== document.body; box = box.parentElement) {
    if (!/auto|scroll|hidden|clip/.test(getComputedStyle(box).overflowY)) continue;
    scrolled += box.scrollTop;
    const edge = box.getBoundingClientRect().top + box.clientTop;
    if (rect.bottom + scrolled - edge > box.clientHeight + 0.5) return false;
  }
  return rect.top >= 0 && rect.bottom + scrolled <= innerHeight + 0.5;
}

// Ever smaller forms of the "on" callout: without its sentence (it is also behind
// "Why?"); then without its own "Turn it off", "Why?" beside the state (the warning
// just above the button that saves has "Turn it off"); then without the brand (that
// warning names Privacy Guard); then one line, the state cut short and "Why?"; then no
// callout at all: the switch keeps its outline, and the warning by "Accept" still names
// Privacy Guard and offers "Turn it off" (issue 13: the callout must not push Accept out
// of view). When "Accept" is out of view even so (a long popup the user scrolls anyway),
// the one-line form shows: the state and "Why?" push out nothing that was in view.
const TIGHTER = ["tight", "tighter", "tightest", "line", "gone"];

/** The callout below the switch's row; `onTurnOff` clicks the page's own switch. */
function callout(anchor, onTurnOff) {
  const { host, frame, applyScheme, remove } = createHost("callout");
  anchor.after(host);
  applyScheme();
  let shown = null;
  return {
    host,
    /** `saves`: the words of the page's button that saves the choice, or "" (see calloutBox). */
    update(state, locked, surface, saves = "") {
      const key = `${state}/${locked}/${surface}/${saves}`;
      if (key === shown && frame.firstChild) return;
      shown = key;
      frame.replaceChildren(calloutBox(state, locked, surface, saves, onTurnOff));
    },
    /**
     * Make the callout only as small as it takes for `button` ("Accept", "Continue")
     * to show without scrolling: the callout must not push it out of view.
     */
    keepInView(button, warning = null) {
      const box = frame.firstElementChild;
      if (!box || !button?.isConnected) return;
      box.classList.remove(...TIGHTER);
      warning?.place("before");
      // An "off" box has one step: without its line on what still trains.
      if (!box.classList.contains("on")) {
        if (!inViewUnscrolled(button)) box.classList.add("tight");
        return;
      }
      for (const step of TIGHTER) {
        if (inViewUnscrolled(button)) return;
        box.classList.remove(...TIGHTER);
        box.classList.add(step);
      }
      // Even the warning alone pushes "Accept" out: it moves below the button row, where
      // it is still read next to "Accept" but moves nothing above it, so "Accept" stands
      // where it would without the extension. (Cutting its words instead could lose
      // "Privacy Guard" or "Turn it off", which must stay.)
      if (!inViewUnscrolled(button)) warning?.place("after");
      // The one-line form where it leaves "Accept" where it is, and where "Accept" is
      // out of view with no callout at all (a popup the person scrolls anyway): the state
      // and "Why?" then cost nothing that was not lost already.
      const outAnyway = !inViewUnscrolled(button);
      box.classList.replace("gone", "line");
      if (!outAnyway && !inViewUnscrolled(button)) box.classList.replace("line", "gone");
    },
    remove,
  };
}

/**
 * The row of buttons `button` stands in: its parent when that holds buttons only (a
 * footer, Accept alone or with "Not now"), else the button itself. A parent that holds
 * more (the popup's content column, with "What's changing?" in it) is not a row: a
 * warning placed before it would become a column beside it (hostile round 4, F9).
 */
function buttonRow(button) {
  const parent = button.parentElement;
  if (!parent || parent === document.body) return button;
  for (const child of parent.children) {
    if (child !== button && !child.matches('button,[role="button"],a')) return button;
  }
  return parent;
}

/** A warning placed just above the consent popup's "Accept" button row. */
function acceptWarning(button, onTurnOff) {
  const { host, frame, applyScheme, remove } = createHost("accept-warning");
  const row = buttonRow(button);
  row.before(host);
  applyScheme();
  /** Above the button row (where it is read first), or below it (keepInView). */
  const place = (where) => {
    if (!row.isConnected) return;
    if (where === "after" && row.nextSibling !== host) row.after(host);
    if (where === "before" && row.previousSibling !== host) row.before(host);
  };
  frame.append(
    el(
      "div",
      { className: "box warning", role: "status" },
      el("p", { text: msg("accept_warning") }),
      turnOffButton(onTurnOff),
    ),
  );
  return { host, remove, place };
}

/**
 * The warning inside claude.ai's feedback dialog, just above its button row (after the
 * note when no Submit is known): submitting sends the whole conversation to Anthropic,
 * where it may train models whatever the setting (facts §6, §7). `state` is what
 * Privacy Guard last saw of the setting: "on", "off", or anything else for not known.
 * It adds to the dialog and changes nothing in it; `place` moves it below the button
 * row when it would push Submit out of view.
 */
function feedbackWarning(form, state) {
  const { host, frame, applyScheme, remove } = createHost("feedback");
  const { submit, note } = form;
  const row = submit && buttonRow(submit);
  const block = note.closest("p") ?? note;
  const place = (where) => {
    if (row?.isConnected) {
      if (where === "after" && row.nextSibling !== host) row.after(host);
      if (where === "before" && row.previousSibling !== host) row.before(host);
    } else if (block.isConnected && block.nextSibling !== host) {
      block.after(host);
    }
  };
  place("before");
  applyScheme();
  const key = state === "on" || state === "off" ? state : "unknown";
  const why = disclosure(
    el("p", { text: msg("feedback_why") }),
    el("p", { text: msg("feedback_incognito") }),
    sourceLinks("feedback"),
  );
  frame.append(
    el(
      "div",
      { className: "box warning feedback", role: "note" },
      el("p", {}, el("span", { className: "brand", text: msg("brand") }), " ", msg(`feedback_${key}`)),
      el("div", { className: "actions" }, why.button),
      why.region,
    ),
  );
  /** Above the button row, or below it where it would push Submit out of view. */
  const fit = () => {
    place("before");
    if (submit && !inViewUnscrolled(submit)) place("after");
  };
  fit();
  return { host, remove, fit, state: key };
}

function noticeBox(text, ...actions) {
  return el(
    "div",
    { className: "box notice", role: "status", "aria-live": "polite" },
    el("div", { className: "brand", text: msg("brand") }),
    el("p", { text }),
    el("div", { className: "actions" }, ...actions),
  );
}

function dismissButton(onDismiss) {
  const dismiss = el("button", {
    type: "button",
    className: "plain",
    "data-action": "dismiss",
    text: msg("dismiss"),
  });
  dismiss.addEventListener("click", onDismiss);
  return dismiss;
}

/**
 * "Copy a report": puts what `describe()` promises (a redacted description of the page)
 * on the clipboard, within the click's user activation (which the clipboard requires; it
 * lasts seconds, the describer loads in milliseconds), and says whether that worked.
 */
function copyReportButton(describe) {
  const button = el("button", {
    type: "button",
    className: "plain",
    "data-action": "copy-report",
    text: msg("copy_report"),
  });
  const said = el("p", { className: "copied", role: "status" });
  button.addEventListener("click", () => {
    const failed = () => {
      said.textContent = msg("report_failed");
    };
    describe()
      .then((text) => navigator.clipboard.writeText(text))
      .then(() => {
        said.textContent = msg("report_copied");
      }, failed);
  });
  return { button, said };
}

// What the notice must never cover: what a person clicks or types in (the product's rule).
const CONTROLS = "a,button,input,select,textarea,label,[role=button],[role=switch],[role=checkbox]";
// The window's corners as `inset`: bottom right, bottom left, top right, top left.
const CORNERS = ["auto 16px 16px auto", "auto auto 16px 16px", "16px 16px auto auto", "16px auto auto 16px"];

/**
 * Put the notice where it covers none of `container`'s controls: a corner of the window
 * (of a transformed dialog, the box its fixed children are placed in) where it is whole
 * and on top; else at the top of the container, in its flow (review 3: pinned to the
 * corner, it lay over the popup's Accept and took its clicks). `again`: only if where it
 * is no longer does (the 250 ms scan); a resize looks anew.
 */
function placeNotice(host, container, again) {
  const put = (name, value) => host.style.setProperty(name, value, "important");
  const free = () => {
    const r = host.getBoundingClientRect();
    const meets = (q) => q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom;
    return (
      document.elementFromPoint(r.left + 2, r.top + 2) === host &&
      document.elementFromPoint(r.right - 2, r.bottom - 2) === host &&
      ![...container.querySelectorAll(CONTROLS)].some((c) => meets(c.getBoundingClientRect()))
    );
  };
  if (again && (host.style.position !== "fixed" || free())) return;
  put("position", "fixed");
  if (host.nextSibling) container.append(host);
  if (CORNERS.some((corner) => (put("inset", corner), free()))) return;
  put("position", "static");
  container.prepend(host);
}

/**
 * Shown when a surface that must hold the switch shows but it could not be recognised
 * (`saying` "not_found"), or was found with a state the page leaves open or contradicts
 * ("not_readable"): either way, please check it yourself.
 * @param {"not_found" | "not_readable"} saying
 */
function notFound(container, saying, settingsUrl, onDismiss, describe) {
  const { host, frame, applyScheme, remove } = createHost("notice");
  container.append(host);
  applyScheme();
  const link = el("a", { href: settingsUrl, text: msg("open_settings") });
  const report = copyReportButton(describe);
  // Each message by its name, so that tests/test_i18n.py sees both used.
  const text = saying === "not_readable" ? msg("not_readable") : msg("not_found");
  const box = noticeBox(text, link, report.button, dismissButton(onDismiss));
  box.append(report.said);
  frame.append(box);
  const fit = (again) => placeNotice(host, container, again);
  fit();
  return { host, remove, fit };
}

/**
 * Left by a script whose extension was updated or removed: claims no state at all. Placed
 * as the notice is (placeNotice), over none of the page's controls; once, since the copy
 * that drew it has stopped (tests/test_truthful.py).
 */
function updatedNote(container) {
  const { host, frame, applyScheme, remove } = createHost("updated");
  container.append(host);
  applyScheme();
  frame.append(noticeBox(msg("updated_note"), dismissButton(remove)));
  placeNotice(host, container, false);
  return { host, remove };
}

export {
  callout,
  acceptWarning,
  feedbackWarning,
  notFound,
  updatedNote,
  applyTheme,
  removeLeftovers,
};