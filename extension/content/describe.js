// A redacted description of the settings panel or popup, for a person to paste into a bug
// report when the switch was missed: element roles, switch states, tag names, the
// design-system markers, and the visible labels of switches and headings only (cut short,
// e-mail addresses masked). Never chat text, names, account details or other free text.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.describe) return;
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
  const redact = (text) => text.replace(EMAIL, "[e-mail]");

  function cut(text, max = MAX_TEXT) {
    const clean = redact(text.replace(/\s+/g, " ").trim());
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  }

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
      parts.push(`aria-label="${cut(el.getAttribute("aria-label"), MAX_VALUE)}"`);
    }
    if (typeof el.checkVisibility === "function" && !el.checkVisibility()) parts.push("(not visible)");
    return parts;
  }

  function lineFor(el, depth) {
    const role = el.getAttribute("role");
    const head = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ""}`;
    const parts = [head, ...attributesOf(el)];
    if (el.matches(SWITCHES) || el.matches(CUSTOM) || el.matches(HEADINGS)) {
      const words = cut(el.matches(HEADINGS) ? seen(el) : switchLabel(el));
      if (words) parts.push(`"${words}"`);
    }
    return `${"  ".repeat(depth)}${parts.join(" ")}`;
  }

  /** The element to describe: the Privacy panel, else the open dialog, else the page. */
  function surfaceRoot() {
    const { detect } = PG;
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

  PG.describe = { describePage, redact };
})();
