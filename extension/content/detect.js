// Detection: is this element the AI-training switch, what state is it in, on which
// surface (consent popup or Privacy settings), and where does our callout belong.
// Rules come from policy_data/detection.yaml via the generated PRIVACY_GUARD_DATA.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.detect) return;
  const { normalize, compile, matchesAny } = PG.text;
  const rules = globalThis.PRIVACY_GUARD_DATA.detection;

  const SWITCH = rules.switchSelectors.join(",");
  const IGNORE = rules.ignoreInside.join(",");
  const PANELS = rules.settingsPanels.join(",");
  const ROWS = rules.settingsRows.join(",");
  const DIALOG = '[role="dialog"],[role="alertdialog"],dialog,[aria-modal="true"]';
  const labels = compile(rules.trainingLabels);
  const notLabels = compile(rules.notLabels);
  const titles = compile(rules.popupTitles);
  const acceptButtons = compile(rules.acceptButtons);
  const settingsPaths = compile(rules.settingsPaths);
  const settingsHashes = compile(rules.settingsHashes);
  // How far up from a switch we look for its row text; rows are shallow in practice.
  const MAX_ROW_DEPTH = 6;
  const MAX_ROW_TEXT = 800;
  // Labels are short; a huge text node (a pasted log, say) is cut before normalising
  // so one odd element cannot cost more than a few microseconds.
  const MAX_LABEL_TEXT = 2000;

  const clip = (text) => (text ?? "").slice(0, MAX_LABEL_TEXT);

  /**
   * The text under `node`, text nodes joined by spaces: adjacent blocks such as a row's
   * title and description ("Help improve Claude" + "Allow the use…") would otherwise run
   * together in textContent. Stops once `limit` characters are collected.
   */
  function textOf(node, limit = MAX_LABEL_TEXT) {
    if (!node) return "";
    if (node.nodeType === Node.TEXT_NODE) return clip(node.data);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const parts = [];
    let length = 0;
    while (length <= limit && walker.nextNode()) {
      parts.push(walker.currentNode.data.slice(0, limit + 1));
      length += walker.currentNode.data.length + 1;
    }
    return parts.join(" ").slice(0, limit + 1);
  }

  const isNative = (el) => el instanceof HTMLInputElement;

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

  /** Texts that explicitly name the switch, most specific first. */
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

  /** The nearest ancestor with text that holds no other switch: the switch's row. */
  function rowOf(el) {
    let node = el.parentElement;
    for (let depth = 0; node && depth < MAX_ROW_DEPTH; depth += 1, node = node.parentElement) {
      if (node === document.body || node.matches(DIALOG)) return null;
      if (holdsAnotherSwitch(node, el)) return null;
      const raw = textOf(node, MAX_ROW_TEXT * 4);
      if (raw.length > MAX_ROW_TEXT * 4) return null;
      const text = normalize(raw);
      if (text && text !== normalize(textOf(el))) {
        return text.length <= MAX_ROW_TEXT ? { node, text } : null;
      }
    }
    return null;
  }

  function holdsAnotherSwitch(node, el) {
    for (const candidate of node.querySelectorAll(SWITCH)) {
      if (candidate !== el && isCandidate(candidate)) return true;
    }
    return false;
  }

  /** Radix renders a hidden checkbox beside its button switch; that copy is not a control. */
  function isCandidate(el) {
    return !(isNative(el) && el.getAttribute("aria-hidden") === "true");
  }

  function verdict(texts) {
    if (texts.some((t) => matchesAny(notLabels, t))) return false;
    if (texts.some((t) => matchesAny(labels, t))) return true;
    return null;
  }

  /** True when `el` is the AI-training switch (and not quoted inside a chat message). */
  function isTrainingSwitch(el) {
    if (!el.matches(SWITCH) || !isCandidate(el)) return false;
    if (IGNORE && el.closest(IGNORE)) return false;
    const named = verdict(explicitLabels(el));
    if (named !== null) return named;
    const row = rowOf(el);
    return row ? verdict([row.text]) === true : false;
  }

  function stateOf(el) {
    if (isNative(el)) return el.checked ? "on" : "off";
    const checked = el.getAttribute("aria-checked");
    if (checked !== null) return checked === "true" ? "on" : "off";
    return el.getAttribute("data-state") === "checked" ? "on" : "off";
  }

  function isLocked(el) {
    return (
      (isNative(el) && el.disabled) ||
      el.hasAttribute("disabled") ||
      el.getAttribute("aria-disabled") === "true" ||
      el.hasAttribute("data-disabled")
    );
  }

  function isSettingsUrl(loc = location) {
    return matchesAny(settingsPaths, loc.pathname) || matchesAny(settingsHashes, loc.hash);
  }

  function dialogTitle(dialog) {
    const labelledBy = dialog.getAttribute("aria-labelledby");
    const heading = dialog.querySelector("h1,h2,h3,[role=heading]");
    return normalize(labelledBy ? textOfIds(labelledBy) : textOf(heading));
  }

  /** "popup" for the consent dialog, "settings" for the Privacy settings. */
  function surfaceOf(el) {
    if (PANELS && el.closest(PANELS)) return "settings";
    const dialog = el.closest(DIALOG);
    if (dialog && matchesAny(titles, dialogTitle(dialog))) return "popup";
    if (isSettingsUrl()) return "settings";
    return dialog ? "popup" : "settings";
  }

  function isHorizontal(node) {
    const style = getComputedStyle(node);
    return (
      /flex/.test(style.display) && !style.flexDirection.startsWith("column")
    ) || /grid/.test(style.display);
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

  /** The consent dialog's "Accept" button, when the switch sits in one. */
  function acceptButtonFor(el) {
    const dialog = el.closest(DIALOG);
    if (!dialog) return null;
    for (const button of dialog.querySelectorAll("button")) {
      if (matchesAny(acceptButtons, normalize(textOf(button)))) return button;
    }
    return null;
  }

  PG.detect = {
    SWITCH,
    DIALOG,
    isTrainingSwitch,
    stateOf,
    isLocked,
    isSettingsUrl,
    surfaceOf,
    anchorOf,
    acceptButtonFor,
  };
})();
