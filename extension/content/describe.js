// A redacted description of the settings panel or popup, for a person to paste into a bug
// report when the switch was missed: element roles, switch states, tag names, the
// design-system markers, and the visible labels of switches and headings only (cut short;
// e-mail addresses, the words of the account area and parenthesised parts masked). Never
// chat text, account details or other free text.
import data from "../generated/content-data.js";
import { detect } from "./detect.js";

const api = globalThis.browser ?? globalThis.chrome;

// Never walked into: chats (2025 and 2026 transcript markup, claude-ui-facts.md §4),
// the sidebar and menus (recent chats, the account's name and e-mail), anything typed,
// and the extension's own UI.
const NEVER = [
  "nav", "aside", "[role=navigation]", "[role=menu]", "[role=menubar]", "[role=listbox]",
  "[role=log]", "[contenteditable]", "textarea", "select", "[data-testid=transcript-row]",
  "[data-testid=user-message]", "[data-cds=UserMessage]", "[data-cds=Prose]",
  ".font-claude-response", ".font-claude-message", "[data-is-streaming]",
  "ul.contains-task-list", "[data-privacy-guard-ui]",
].join(","); // prettier-ignore
const SWITCHES =
  "[role=switch],[role=checkbox],[role=radio],input[type=checkbox],input[type=radio]";
// A control the page made focusable without a role: what a redesigned switch the
// extension no longer recognises often looks like (the report is for exactly that).
const CUSTOM = "[tabindex]:not(a,button,input,select,textarea,[role])";
const HEADINGS = "h1,h2,h3,h4,h5,h6,[role=heading]";
const DIALOGS = "[role=dialog],[role=alertdialog],dialog";
// Elements worth a line without their text: where things are and what they are.
const STRUCTURE = [
  DIALOGS, "[role=group]", "[role=region]", "[role=radiogroup]", "[role=tablist]",
  "[role=tab]", "[role=tabpanel]", "button", "[role=button]", "a[href]", "label", "form",
  "section", "main", "[data-cds]", "[data-settings-row]", "[data-settings-section]",
  "[data-perf-overlay]", "[data-perf-screen]", "[data-perf-row]", "[aria-checked]",
  "[data-state]", "[data-checked]", "[data-unchecked]", CUSTOM,
].join(","); // prettier-ignore
// Attributes copied as they are: states and markers, never free text.
const STATES = [
  "type", "aria-checked", "aria-pressed", "aria-selected", "aria-expanded", "aria-disabled",
  "aria-hidden", "aria-modal", "disabled", "hidden", "inert", "data-state", "data-checked",
  "data-unchecked", "data-disabled", "data-open", "data-cds", "data-settings-row",
  "data-settings-section", "data-perf-overlay", "data-perf-screen", "data-perf-row",
]; // prettier-ignore
const MAX_TEXT = 80;
const MAX_LINES = 250;
const MAX_VALUE = 40;

// Any run of characters an address's local part may hold, @, a domain: masks addresses
// (and a little more) wherever they stand in a label or a heading.
const EMAIL = /[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+/gu;
// Addresses written out to dodge harvesters: "jane dot roe at example dot com",
// "jane [at] example [dot] com", "jane(at)example(dot)com": a word, "at", a word, and at
// least one "dot" and a word (so "look at this" stays).
const W = "[\\p{L}\\p{N}._%+-]+";
const sep = (word) => `(?:\\s*[[({<]\\s*${word}\\s*[\\])}>]\\s*|\\s+${word}\\s+)`;
const SPELLED = new RegExp(
  `${W}(?:${sep("dot")}${W})*${sep("at")}${W}(?:${sep("dot")}${W})+`,
  "giu",
);
// "jane.roe @ example . com": an @ with spaces around it, which EMAIL leaves.
const SPACED = new RegExp(`${W}\\s*@\\s*${W}(?:\\s*\\.\\s*${W})*`, "gu");
// Invisible characters that could split a word or an address and hide it from the masks.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Parenthesised parts of a label or heading are mostly data ("Location metadata
// (Berlin, Kreuzberg)", "Privacy for … (jane@…)"), not the label's words.
const PARENS = /\([^()]*\)/g;

/** Every word of `text`, NFKC and lower case: letters and digits, 3 or more. */
const wordsOf = (text) =>
  String(text ?? "")
    .replace(INVISIBLE, "")
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length > 2);

// The words the extension itself looks for (selectors, labels, titles in every
// language): settings words a report may say ("Settings", "Privacy", "Location metadata").
// The words the masks themselves put in, too. Read on the first report, not at load:
// the content script's cold path stays as it was.
/** @type {Set<string> | null} */
let vocabulary = null;
const isSettingsWord = (word) =>
  (vocabulary ??= new Set([
    ...wordsOf(JSON.stringify(data.detection)),
    "mail",
    "name",
  ])).has(word);

// Where the page shows who is signed in: the sidebar, the account menu and its button.
const ACCOUNT = [
  "nav", "aside", "header", "[role=navigation]", "[role=menu]", "[role=menubar]",
  "[role=banner]", "[data-testid*=account]", "[data-testid*=user-menu]",
  "[data-testid*=profile]",
].join(","); // prettier-ignore

/**
 * The account's words (its name, its e-mail's parts) as a whole-word, case-insensitive
 * pattern: read from the account area and the page title, less the settings words.
 */
function accountWords() {
  const texts = [document.title];
  for (const area of document.querySelectorAll(ACCOUNT)) {
    if (area.closest("[data-privacy-guard-ui]")) continue;
    texts.push(area.textContent);
    for (const node of [area, ...area.querySelectorAll("[aria-label],[title],[alt]")]) {
      for (const name of ["aria-label", "title", "alt"]) texts.push(node.getAttribute(name));
    }
  }
  const words = new Set(texts.flatMap(wordsOf).filter((w) => !isSettingsWord(w)));
  if (!words.size) return null;
  const escaped = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}\\p{M}])`, "giu");
}
/** Read once per report (describePage), so a report costs one look at the account area. */
let account = null;

/**
 * `text` with e-mail addresses (also in full-width and spelled-out forms) and the
 * account's words masked; NFKC first, so compatibility forms ("＠", "ｊａｎｅ") are caught.
 */
function redact(text) {
  let clean = String(text ?? "")
    .replace(INVISIBLE, "")
    .normalize("NFKC")
    .replace(/%40/g, "@") // as in a mailto: link's address
    .replace(EMAIL, "[e-mail]")
    .replace(SPACED, "[e-mail]")
    .replace(SPELLED, "[e-mail]");
  if (account) clean = clean.replace(account, "[name]");
  return clean;
}

function cut(text, max = MAX_TEXT) {
  const clean = redact(text.replace(/\s+/g, " ").trim());
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A label's or heading's words without its parenthesised parts (mostly data). */
const labelWords = (text) => cut(String(text ?? "").normalize("NFKC").replace(PARENS, "(...)"));

/**
 * A dialog's accessible name keeps only settings words ("Settings — Jane Roe" gives
 * "Settings …"): it is free text the page may fill with the account's name.
 */
const dialogName = (text) =>
  cut(text, MAX_VALUE)
    .split(/\s+/)
    .map((word) => (wordsOf(word).every(isSettingsWord) ? word : "…"))
    .join(" ")
    .replace(/…( …)+/g, "…");

// What a person sees: innerText leaves hidden text out and keeps the line breaks
// between blocks (textContent would run "Location metadataAllow…" together).
const seen = (node) => node.innerText ?? node.textContent;

const textOfIds = (ids) =>
  ids
    .split(/\s+/)
    .map((id) => document.getElementById(id))
    .filter((n) => n && !n.closest(NEVER))
    .map(seen)
    .join(" ");

/** The words a person sees as a switch's label (its name, else its row's). */
function switchLabel(el) {
  const byIds = el.getAttribute("aria-labelledby");
  if (byIds) return textOfIds(byIds);
  const aria = el.getAttribute("aria-label");
  if (aria) return aria;
  const label =
    (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) ||
    el.closest("label");
  if (label) return seen(label);
  const row =
    el.closest("[data-settings-row],[role=group],[role=radiogroup]") ??
    el.parentElement?.parentElement;
  if (!row || row.closest(NEVER)) return "";
  const rowIds = row.getAttribute("aria-labelledby");
  return rowIds ? textOfIds(rowIds) : seen(row);
}

function attributesOf(el) {
  const parts = [];
  for (const name of STATES) {
    if (!el.hasAttribute(name)) continue;
    const value = el.getAttribute(name);
    parts.push(value === "" ? name : `${name}=${cut(value, MAX_VALUE)}`);
  }
  if (el instanceof HTMLInputElement && /checkbox|radio/.test(el.type)) {
    parts.push(`checked=${el.checked}`);
  }
  if (el.matches(CUSTOM)) {
    // A control of the page's own making: its class and data-* are where its state is.
    parts.push(`class="${cut(el.getAttribute("class") ?? "", MAX_VALUE)}"`);
    for (const name of el.getAttributeNames()) {
      if (name === "tabindex" || (name.startsWith("data-") && !STATES.includes(name))) {
        parts.push(`${name}=${cut(el.getAttribute(name), MAX_VALUE)}`);
      }
    }
  }
  if (el.matches(DIALOGS) && el.getAttribute("aria-label")) {
    parts.push(`aria-label="${dialogName(el.getAttribute("aria-label"))}"`);
  }
  if (typeof el.checkVisibility === "function" && !el.checkVisibility()) parts.push("(not visible)");
  return parts;
}

function lineFor(el, depth) {
  const role = el.getAttribute("role");
  const head = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ""}`;
  const parts = [head, ...attributesOf(el)];
  if (el.matches(SWITCHES) || el.matches(CUSTOM) || el.matches(HEADINGS)) {
    const words = labelWords(el.matches(HEADINGS) ? seen(el) : switchLabel(el));
    if (words) parts.push(`"${words}"`);
  }
  return `${"  ".repeat(depth)}${parts.join(" ")}`;
}

/** The element to describe: the Privacy panel, else the open dialog, else the page. */
function surfaceRoot() {
  const panel = detect?.privacyScreen() ?? null;
  // The panel's dialog too: its label and markers say which overlay it is.
  const root = panel?.closest(DIALOGS) ?? panel ?? detect?.visibleDialog() ?? null;
  return root ?? document.body;
}

/** Where the page is: the path with chat ids masked, the settings tab, no query. */
function pagePath() {
  const path = location.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, "<id>");
  const tab = location.hash.match(/^#settings\/[\w-]+/)?.[0] ?? "";
  return path + tab;
}

function version() {
  try {
    return api.runtime.getManifest().version;
  } catch {
    return "unknown";
  }
}

/** The report, as plain text lines. */
function describePage() {
  account = accountWords();
  const root = surfaceRoot();
  const lines = [
    `Privacy Guard ${version()}: page description (redacted)`,
    `page: ${pagePath()}`,
    `UI language: ${cut(document.documentElement.lang || "unset", MAX_VALUE)}`,
    `theme: ${cut(document.documentElement.getAttribute("data-mode") || "unset", MAX_VALUE)}`,
    `described: ${root === document.body ? "the page (no dialog or panel found)" : "the open panel"}`,
    "",
  ];
  const stack = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (/** @type {Element} */ (node).matches(NEVER) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let truncated = false;
  // SHOW_ELEMENT: every node the walker gives is an Element.
  const next = () => /** @type {Element | null} */ (walker.nextNode());
  for (let el = root === document.body ? next() : root; el; el = next()) {
    if (!(el.matches(STRUCTURE) || el.matches(SWITCHES) || el.matches(HEADINGS))) continue;
    while (stack.length && !stack[stack.length - 1].contains(el)) stack.pop();
    if (lines.length >= MAX_LINES) {
      truncated = true;
      break;
    }
    lines.push(lineFor(el, stack.length));
    stack.push(el);
  }
  if (truncated) lines.push("… (cut short)");
  return lines.join("\n");
}

export const describe = { describePage, redact };